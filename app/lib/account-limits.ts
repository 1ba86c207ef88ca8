// Numbers that pages show as well as the server enforces (so not in a *.server module).
export const MIN_PASSWORD_LENGTH = 12;
// Long enough for any passphrase or password manager; short enough that hashing it is cheap.
export const MAX_PASSWORD_LENGTH = 256;
/** How long a set-password link works. Long enough to pass on by phone or in person; short enough to matter if it leaks. */
export const PASSWORD_LINK_HOURS = 72;
