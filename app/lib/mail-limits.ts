// Numbers that pages show as well as the server enforces (so not in a *.server module).

/** How long a confirmation link works. */
export const CONFIRMATION_DAYS = 7;
/** At most this many confirmation emails to one address in 24 hours, whoever asks. */
export const CONFIRMATIONS_PER_ADDRESS_PER_DAY = 3;
/** At most this many confirmation requests from one client address in an hour (a household or office shares one). */
export const CONFIRMATIONS_PER_ORIGIN_PER_HOUR = 20;
/** Addresses never confirmed, and links never clicked, are deleted after this many days. */
export const UNCONFIRMED_RETENTION_DAYS = 7;
/** Sent messages are kept this long (to answer "did you email me?"), then deleted. */
export const SENT_MAIL_RETENTION_DAYS = 30;
