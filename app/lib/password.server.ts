// Password hashing and the password rules. NCSC guidance: length over
// composition rules, and refuse passwords that are known to be common.
import { hash, verify, type Algorithm } from "@node-rs/argon2";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "./account-limits";
import commonPasswords from "./common-passwords.json";


// OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane. The enum is a const enum,
// which isolatedModules cannot read, so the value is written out (2 = Argon2id).
const ARGON2ID = 2 as Algorithm;
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// Verified against when no account matches, so a sign-in takes as long whether or not the account exists.
let dummyHash: Promise<string> | undefined;
export function hashForMissingAccount(): Promise<string> {
  dummyHash ??= hashPassword(crypto.randomUUID());
  return dummyHash;
}

let common: Set<string> | undefined;
const commonSet = () => (common ??= new Set(commonPasswords as string[]));

// Words anyone would try first against this service.
const CONTEXT_WORDS = ["kent", "kentpolice", "police", "policing", "pact", "neighbourhood", "neighborhood", "medway", "maidstone", "password", "welcome", "letmein", "changeme"];
const RUNS = ["0123456789", "abcdefghijklmnopqrstuvwxyz", "qwertyuiopasdfghjklzxcvbnm", "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p"];

/** Why a new password is not acceptable, or null if it is. */
export function passwordProblem(password: string, context: { email?: string; name?: string } = {}): string | null {
  if (password.length === 0) return "Enter a password";
  if (password.length < MIN_PASSWORD_LENGTH) return `Password must be ${MIN_PASSWORD_LENGTH} characters or more`;
  if (password.length > MAX_PASSWORD_LENGTH) return `Password must be ${MAX_PASSWORD_LENGTH} characters or fewer`;
  const lower = password.toLowerCase();
  // The common part once digits and symbols at either end are taken off: "Password2026!" is "password".
  const core = lower.replace(/^[^a-z]+|[^a-z]+$/g, "");
  const tooCommon = "This password is too common and easy to guess. Choose a different one: three random words work well";
  if (commonSet().has(lower) || commonSet().has(core)) return tooCommon;
  if (CONTEXT_WORDS.some((w) => core === w || core.replace(/[^a-z]/g, "") === w)) return tooCommon;
  if (new Set(lower).size < 5) return tooCommon;
  const unrepeated = lower.replace(/(.+?)\1+$/, "$1");
  if (RUNS.some((run) => (run + run).includes(unrepeated) || [...run].reverse().join("").repeat(2).includes(unrepeated))) return tooCommon;
  const local = context.email?.split("@")[0]?.toLowerCase();
  if (local && local.length >= 4 && lower.includes(local)) return "Password must not contain your email address";
  const nameParts = (context.name ?? "").toLowerCase().split(/\s+/).filter((p) => p.length >= 4);
  if (nameParts.some((p) => lower.includes(p))) return "Password must not contain your name";
  return null;
}
