// The pieces server.js runs every request through, tested without a server: the
// request log, the answer to a locked database, and the methods forms take.
import Database from "better-sqlite3";
import { EventEmitter } from "node:events";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { isBusyError } from "~/lib/db.server";
import { BUSY_MESSAGE, responseForDatabaseError, withDatabaseErrorResponses } from "~/lib/server/busy.server";
import { noteSignedInUser, redactPath, requestLog } from "~/lib/server/request-log.server";

function fakeResponse() {
  const res = Object.assign(new EventEmitter(), {
    statusCode: 200,
    headers: {} as Record<string, string>,
    writableFinished: true,
    setHeader(name: string, value: string) {
      this.headers[name.toLowerCase()] = value;
    },
    getHeader(name: string) {
      return this.headers[name.toLowerCase()];
    },
  });
  return res;
}

describe("request log", () => {
  it("writes one JSON line per request with a request id (also sent back), status, time and the signed-in user", async () => {
    const lines: string[] = [];
    const log = requestLog({ write: (line) => lines.push(line) });
    const res = fakeResponse();
    await new Promise<void>((resolve) =>
      log({ method: "POST", url: "/staff/wards/E05015608/pact", headers: {}, ip: "192.0.2.1" } as never, res as never, () => {
        // Inside the request, as the session check runs.
        setTimeout(() => {
          noteSignedInUser("user-123");
          res.statusCode = 302;
          res.emit("finish");
          resolve();
        }, 1);
      }),
    );
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0]!);
    expect(line).toMatchObject({ level: "info", method: "POST", path: "/staff/wards/E05015608/pact", status: 302, userId: "user-123", ip: "192.0.2.1" });
    expect(line.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers["x-request-id"]).toBe(line.requestId);
    expect(typeof line.ms).toBe("number");
  });

  it("keeps a trusted proxy's request id, and makes its own for one that is not trusted or looks wrong", () => {
    const idFor = (trustIncomingId: boolean, id: string) => {
      const res = fakeResponse();
      requestLog({ trustIncomingId, write: () => undefined })({ method: "GET", url: "/", headers: { "x-request-id": id } } as never, res as never, () => undefined);
      return res.headers["x-request-id"];
    };
    expect(idFor(true, "proxy-id-12345678")).toBe("proxy-id-12345678");
    expect(idFor(false, "proxy-id-12345678")).not.toBe("proxy-id-12345678");
    expect(idFor(true, 'bad"id\nwith newline')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("redacts one-time set-password links", () => {
    expect(redactPath("/set-password/abcdefghijklmnop?x=1")).toBe("/set-password/[redacted]?x=1");
    expect(redactPath("/staff")).toBe("/staff");
  });
});

describe("a database locked by another process", () => {
  it("turns a write that cannot get the lock into 503 with Retry-After and a message to try again", async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "kent-busy-")), "busy.sqlite");
    const holder = new Database(file);
    holder.pragma("journal_mode = WAL");
    holder.exec("CREATE TABLE t (x); BEGIN IMMEDIATE; INSERT INTO t VALUES (1);");
    const server = new Database(file);
    server.pragma("busy_timeout = 10");
    const write = () => server.prepare("INSERT INTO t VALUES (2)").run();
    // A reader does not wait: it sees the data as it was before the holder's transaction.
    expect(server.prepare("SELECT count(*) AS n FROM t").get()).toEqual({ n: 0 });
    const build = withDatabaseErrorResponses({ routes: { r: { id: "r", module: { action: async () => write() } } } });
    const thrown = await (build.routes.r!.module.action as () => Promise<unknown>)().catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(Response);
    const response = thrown as Response;
    expect(response.status).toBe(503);
    expect(response.headers.get("Retry-After")).toBe("5");
    expect(await response.text()).toBe(BUSY_MESSAGE);
    holder.exec("COMMIT");
    expect(() => write()).not.toThrow();
    holder.close();
    server.close();
  });

  it("leaves other errors alone, and treats a unique-key clash as a conflict", () => {
    expect(responseForDatabaseError(new Error("something else"))).toBeNull();
    expect(isBusyError(Object.assign(new Error("database is locked"), { code: "SQLITE_BUSY" }))).toBe(true);
    expect(responseForDatabaseError(Object.assign(new Error("UNIQUE constraint failed"), { code: "SQLITE_CONSTRAINT_UNIQUE" }))?.status).toBe(409);
  });
});
