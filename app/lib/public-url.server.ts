import { env } from "./env.server";

/** The address links in emails and feeds point at: APP_ORIGIN, or this server on localhost. */
export function publicOrigin(): string {
  const { APP_ORIGIN, PORT } = env();
  return (APP_ORIGIN ?? `http://localhost:${PORT}`).replace(/\/+$/, "");
}

export function publicUrl(path: string): string {
  return new URL(path, publicOrigin() + "/").toString();
}
