// Creates a staff account from the command line. This is how the first force
// administrator comes to exist: there are no default accounts. Administrators
// then invite everyone else from /admin/users.
//
//   npx tsx scripts/create-user.ts --email jo.bloggs@kent.police.uk --name "Jo Bloggs"
//   npx tsx scripts/create-user.ts --email … --name … --role editor --team maidstone-central
//   npx tsx scripts/create-user.ts --email … --name … --role partner --organisation "Maidstone Borough Council" --districts E07000110
//
// The password is read from NEW_USER_PASSWORD if set (for automation), otherwise
// asked for twice without echoing. Weak and common passwords are refused.
import { eq } from "drizzle-orm";
import { parseArgs } from "node:util";
import { teams, users } from "../db/schema";
import { USER_ROLES } from "../app/lib/vocabulary";
import { getDb, migrateDatabase } from "../app/lib/db.server";
import { createUserFromCommandLine } from "../app/models/user.server";

const { values } = parseArgs({
  options: {
    email: { type: "string" },
    name: { type: "string" },
    role: { type: "string", default: "admin" },
    team: { type: "string" },
    organisation: { type: "string", default: "" },
    // A partner's area: district GSS codes, comma-separated (e.g. E07000110 for Maidstone).
    districts: { type: "string", default: "" },
  },
});

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

/** Read a line from the terminal without showing what is typed. */
function askHidden(question: string): Promise<string> {
  return new Promise((resolve) => {
    const stdin = process.stdin;
    if (!stdin.isTTY) fail("No terminal to ask for a password: set NEW_USER_PASSWORD instead.");
    process.stdout.write(question);
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding("utf8");
    let typed = "";
    const onData = (ch: string) => {
      for (const c of ch) {
        if (c === "\r" || c === "\n") {
          stdin.setRawMode(false);
          stdin.pause();
          stdin.off("data", onData);
          process.stdout.write("\n");
          resolve(typed);
          return;
        }
        if (c === "\u0003") process.exit(130);
        if (c === "\u007f") typed = typed.slice(0, -1);
        else typed += c;
      }
    };
    stdin.on("data", onData);
  });
}

async function main() {
  if (!values.email || !values.name) fail('Give --email and --name, e.g. --email jo.bloggs@kent.police.uk --name "Jo Bloggs"');
  const role = values.role as (typeof USER_ROLES)[number];
  if (!USER_ROLES.includes(role)) fail(`--role must be one of ${USER_ROLES.join(", ")}`);
  const db = getDb();
  migrateDatabase(db);

  const email = values.email.trim().toLowerCase();
  if (db.select({ id: users.id }).from(users).where(eq(users.email, email)).get()) {
    console.log(`An account for ${email} already exists. Nothing was changed (its password included).`);
    return;
  }
  let teamId: number | null = null;
  if (role === "editor") {
    if (!values.team) fail("An editor needs --team <team slug> (see the team's page address, /teams/<slug>)");
    const team = db.select({ id: teams.id }).from(teams).where(eq(teams.slug, values.team)).get();
    if (!team) fail(`No team has the slug ${values.team}`);
    teamId = team.id;
  }

  let password = process.env.NEW_USER_PASSWORD;
  if (!password) {
    password = await askHidden("Password (12 characters or more): ");
    if ((await askHidden("Type it again: ")) !== password) fail("The passwords do not match. Nothing was created.");
  }
  const result = await createUserFromCommandLine({ email, name: values.name, role, teamId, organisation: values.organisation ?? "", password, districts: (values.districts ?? "").split(",").map((c) => c.trim().toUpperCase()).filter(Boolean) });
  if (!result.ok) fail(`Account not created:\n${result.errors.map((e) => `  - ${e.message}`).join("\n")}`);
  console.log(`Created ${role} account for ${email}. Sign in at /login.`);
}

main().catch((e) => fail(e instanceof Error ? e.message : String(e)));
