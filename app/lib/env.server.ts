import { z } from "zod";

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_PATH: z.string().min(1).default("db/app.sqlite"),
  // Optional base map. Without it the maps draw boundaries on a plain background.
  MAP_TILE_URL: z.string().url().optional().or(z.literal("").transform(() => undefined)),
  MAP_TILE_ATTRIBUTION: z.string().max(500).optional(),
  // The public address, e.g. https://neighbourhoods.kent.police.uk. A form posted
  // from anywhere else is refused; without it, the Host header is the reference.
  APP_ORIGIN: z.string().url().optional().or(z.literal("").transform(() => undefined)),
  // Mail. With no SMTP_URL every message is written as an .eml file under MAIL_DIR instead.
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "must start with smtp:// or smtps://")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  MAIL_FROM: z.string().min(3).default("Kent Neighbourhood Policing <no-reply@neighbourhoods.kent.police.uk>"),
  MAIL_DIR: z.string().min(1).default("mail"),
  // The key behind residents' manage links. Unset: one is made and kept in the database.
  MAIL_TOKEN_SECRET: z.string().min(32).optional().or(z.literal("").transform(() => undefined)),
  // "off" keeps the sender from starting with the server (for a second process on the same database).
  MAIL_SENDER: z.enum(["on", "off"]).default("on"),
  PORT: z.string().regex(/^\d+$/).default("3000"),
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

/** Environment, checked once; a bad value stops the process with a readable reason. */
export function env(): Env {
  if (cached) return cached;
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid environment: ${problems}`);
  }
  cached = parsed.data;
  return cached;
}
