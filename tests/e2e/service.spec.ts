// Running as a service, against servers started for each test on a copy of the e2e
// database: production mode from the README's command, refusing bad databases,
// staying up while another process holds the write lock, limits on slow clients,
// a graceful stop, and the request log.
import Database from "better-sqlite3";
import fs from "node:fs";
import net from "node:net";
import { test, expect } from "@playwright/test";
import { ACCOUNTS } from "./accounts";
import { copyOfE2eDatabase, failedStart, postForm, scratchPath, signInOverHttp, startServer, type Spawned } from "./spawn-server";

let server: Spawned | undefined;
test.afterEach(async () => {
  await server?.stop("SIGKILL");
  server = undefined;
});

test("npm start runs in production: __Host- Secure session cookie, HSTS, no development CSP, TRACE refused, no stack traces", async () => {
  server = await startServer({ database: await copyOfE2eDatabase("npm-start"), command: ["npm", "start"] });
  const signedIn = await signInOverHttp(server.url, ACCOUNTS.partner.email);
  expect(signedIn.status).toBe(302);
  const session = signedIn.setCookies.find((c) => c.startsWith("__Host-kent_session="));
  expect(session).toMatch(/; Secure/);
  expect(session).toMatch(/; HttpOnly/);
  const page = await fetch(`${server.url}/`);
  expect(page.headers.get("strict-transport-security")).toMatch(/max-age=\d+/);
  expect(page.headers.get("content-security-policy")).not.toMatch(/ws:|localhost/);
  // fetch() will not send TRACE, so it goes over a plain socket.
  const trace = await rawRequest(server.url, "TRACE / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
  expect(trace).toMatch(/^HTTP\/1\.1 405 /);
  expect(trace).not.toMatch(/at .*\.js:\d+|node_modules|\/work\//);
  const malformed = await fetch(`${server.url}/wards/%E0%A4%A`);
  expect(malformed.status).toBeLessThan(500);
  expect(await malformed.text()).not.toMatch(/at .*\.js:\d+|node_modules|URIError/);
});

test("refuses to start, with one line saying why, on a missing, empty, damaged or unmigrated database; a mistyped path creates nothing", async () => {
  const missing = scratchPath("app.sqlte");
  const empty = scratchPath("empty.sqlite");
  fs.writeFileSync(empty, "");
  const damaged = await copyOfE2eDatabase("damaged");
  const bytes = fs.readFileSync(damaged);
  bytes.fill(0x5a, bytes.length >> 1, (bytes.length >> 1) + 65536);
  fs.writeFileSync(damaged, bytes);
  const unmigrated = await copyOfE2eDatabase("unmigrated");
  const db = new Database(unmigrated);
  db.prepare("DELETE FROM __drizzle_migrations WHERE created_at = (SELECT max(created_at) FROM __drizzle_migrations)").run();
  db.close();
  for (const [database, reason] of [
    [missing, /does not exist; check DATABASE_PATH/],
    [empty, /has not been set up/],
    [damaged, /damaged|cannot be read/],
    [unmigrated, /migration\(s\) behind/],
  ] as const) {
    const result = await failedStart({ database });
    expect(result.code, database).toBe(1);
    expect(result.stderr, database).toHaveLength(1);
    expect(result.stderr[0], database).toMatch(reason);
  }
  expect(fs.existsSync(missing)).toBe(false);
});

test("while another process holds the write lock, pages and lookups answer and a staff write gets 503 with Retry-After, then works once it is released", async () => {
  const database = await copyOfE2eDatabase("locked");
  server = await startServer({ database });
  const { cookie } = await signInOverHttp(server.url, ACCOUNTS.admin.email);
  const holder = new Database(database);
  // Two minutes since the session was last seen, so the next page wants to record it: a
  // write on the read path, which must give way to the lock rather than fail the page.
  holder.prepare("UPDATE sessions SET last_seen_at = last_seen_at - 120000").run();
  holder.exec("BEGIN IMMEDIATE");
  holder.prepare("INSERT INTO server_keys (name, value, created_at) VALUES ('held', 'x', 0)").run();
  try {
    expect((await fetch(`${server.url}/api/lookup?postcode=ME15%209BZ`)).status).toBe(200);
    expect((await fetch(`${server.url}/wards/E05015608`)).status).toBe(200);
    expect((await fetch(`${server.url}/staff`, { headers: { Cookie: cookie }, redirect: "manual" })).status).toBe(200);
    const team = { name: "Lock Test Team", slug: "lock-test-team", districtCode: "E07000110", email: "", description: "" };
    const busy = await postForm(server.url, "/admin/teams/new", cookie, team);
    expect(busy.status).toBe(503);
    expect(busy.headers.get("retry-after")).toBe("5");
    expect(await busy.text()).toContain("The service is busy saving other changes, so nothing was saved");
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    holder.exec("ROLLBACK");
    const saved = await postForm(server.url, "/admin/teams/new", cookie, team);
    expect(saved.status).toBe(302);
    expect(saved.headers.get("location")).toMatch(/^\/admin\/teams\/\d+\?done=team-created$/);
  } finally {
    if (holder.inTransaction) holder.exec("ROLLBACK");
    holder.close();
  }
});

test("slow clients are cut off: headers and bodies that never finish, and connections past the cap", async () => {
  server = await startServer({ database: await copyOfE2eDatabase("slow"), env: { HEADERS_TIMEOUT_MS: "1000", REQUEST_TIMEOUT_MS: "1500", MAX_CONNECTIONS: "4" } });
  const { port } = new URL(server.url);
  // Half a request line, then nothing: the server answers 408 and closes.
  const slowHeaders = await rawRequest(server.url, "GET / HTTP/1.1\r\nHost: local");
  expect(slowHeaders).toMatch(/^HTTP\/1\.1 408 /);
  const slowBody = await rawRequest(server.url, `POST /login HTTP/1.1\r\nHost: localhost:${port}\r\nOrigin: http://localhost:${port}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\nemail=`);
  expect(slowBody).toMatch(/^HTTP\/1\.1 408 /);
  // Four idle connections fill the cap; a fifth is closed at once.
  const idle = await Promise.all(Array.from({ length: 4 }, () => openSocket(Number(port))));
  const extra = await openSocket(Number(port));
  await new Promise<void>((resolve) => (extra.destroyed ? resolve() : extra.once("close", () => resolve())));
  for (const s of idle) s.destroy();
});

test("SIGTERM lets requests finish, checkpoints the WAL into the database file and exits 0; the request log is JSON lines with ids and the user", async () => {
  const database = await copyOfE2eDatabase("graceful");
  server = await startServer({ database });
  const { cookie } = await signInOverHttp(server.url, ACCOUNTS.admin.email);
  await fetch(`${server.url}/admin/users`, { headers: { Cookie: cookie } });
  await fetch(`${server.url}/set-password/abcdefghijklmnopqrstuvwxyz234567abcdefghijk`);
  expect(fs.statSync(`${database}-wal`).size).toBeGreaterThan(0);
  expect(fs.existsSync(`${database}-server.pid`)).toBe(true);
  // A sign-in whose body is still on its way when SIGTERM arrives: the server has taken
  // the request (it answered "100 Continue"), so it must finish it before stopping.
  const inFlight = startSlowSignIn(server.url);
  await inFlight.accepted;
  const stopped = server.stop("SIGTERM");
  expect(await inFlight.finish()).toMatch(/^HTTP\/1\.1 401 /);
  expect(await stopped).toBe(0);
  expect(fs.existsSync(`${database}-wal`) ? fs.statSync(`${database}-wal`).size : 0).toBe(0);
  expect(fs.existsSync(`${database}-server.pid`)).toBe(false);
  const lines = server.stdout.filter((l) => l.startsWith("{")).map((l) => JSON.parse(l) as Record<string, unknown>);
  const requests = lines.filter((l) => typeof l.method === "string");
  expect(requests.every((l) => typeof l.requestId === "string" && typeof l.status === "number" && typeof l.ms === "number")).toBe(true);
  expect(new Set(requests.map((l) => l.requestId)).size).toBe(requests.length);
  const staffAction = requests.find((l) => l.path === "/admin/users");
  expect(staffAction?.userId).toEqual(expect.any(String));
  expect(requests.find((l) => l.path === "/login")?.userId).toEqual(staffAction?.userId);
  expect(requests.some((l) => l.path === "/set-password/[redacted]")).toBe(true);
  expect(server.stdout.join("\n")).not.toContain("abcdefghijklmnopqrstuvwxyz234567");
  expect(lines.some((l) => l.msg === "stopped: database checkpointed and closed")).toBe(true);
});

/** Send raw bytes and collect the answer until the server closes the connection. */
function rawRequest(url: string, text: string): Promise<string> {
  const { port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), "localhost", () => socket.write(text));
    let answer = "";
    socket.on("data", (chunk) => (answer += chunk.toString()));
    socket.on("error", (error) => ((error as NodeJS.ErrnoException).code === "ECONNRESET" ? resolve(answer) : reject(error)));
    socket.on("close", () => resolve(answer));
  });
}

function startSlowSignIn(url: string) {
  const { port, origin } = new URL(url);
  const body = new URLSearchParams({ email: ACCOUNTS.partner.email, password: "not the password at all", redirectTo: "/staff" }).toString();
  const socket = net.connect(Number(port), "localhost");
  let answer = "";
  socket.on("data", (chunk) => (answer += chunk.toString()));
  const accepted = new Promise<void>((resolve) => {
    const check = () => answer.startsWith("HTTP/1.1 100") && (socket.off("data", check), resolve());
    socket.on("data", check);
  });
  socket.write(
    `POST /login HTTP/1.1\r\nHost: localhost:${port}\r\nOrigin: ${origin}\r\nContent-Type: application/x-www-form-urlencoded\r\n` +
      `Content-Length: ${body.length}\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n`,
  );
  const closed = new Promise<string>((resolve) => socket.on("close", () => resolve(answer.replace(/^HTTP\/1\.1 100 Continue\r\n\r\n/, ""))));
  return { accepted, finish: () => (socket.write(body), closed) };
}

function openSocket(port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "localhost", () => resolve(socket));
    socket.once("error", reject);
  });
}
