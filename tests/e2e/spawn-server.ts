// Servers of their own for the tests that need to start, stop, starve or kill one:
// each runs `node server.js` (or `npm start`) on a copy of the e2e database, on a
// port the system picks, and its log lines are kept for the test to read.
import Database from "better-sqlite3";
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { E2E_PASSWORD } from "./accounts";

const PORT = Number(process.env.E2E_PORT ?? 3210);
const E2E_DB = `db/e2e-${PORT}.sqlite`;
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "kent-e2e-servers-"));
process.once("exit", () => fs.rmSync(workDir, { recursive: true, force: true }));

/** A consistent copy of the running e2e server's database (SQLite's online backup). */
export async function copyOfE2eDatabase(name: string): Promise<string> {
  const file = path.join(workDir, `${name}.sqlite`);
  const source = new Database(E2E_DB, { readonly: true });
  try {
    await source.backup(file, { progress: ({ totalPages }) => totalPages });
  } finally {
    source.close();
  }
  return file;
}

export const scratchPath = (name: string) => path.join(workDir, name);

export type Spawned = {
  url: string;
  child: ChildProcess;
  stdout: string[];
  stderr: string[];
  exited: Promise<number | null>;
  stop: (signal?: NodeJS.Signals) => Promise<number | null>;
};

type Options = { database: string; env?: Record<string, string | undefined>; command?: string[] };

/** Start a server; resolves once it listens, rejects (with its output) if it exits first. */
export function startServer({ database, env = {}, command = ["node", "server.js"] }: Options): Promise<Spawned> {
  // NODE_ENV is left out: the server must be production without being told.
  const childEnv: Record<string, string | undefined> = { ...process.env, DATABASE_PATH: database, PORT: "0", ...env };
  delete childEnv.NODE_ENV;
  for (const key of Object.keys(childEnv)) if (childEnv[key] === undefined) delete childEnv[key];
  // npm runs the server as its grandchild: a process group of its own lets a signal reach it.
  const detached = command[0] === "npm";
  const child = spawn(command[0]!, command.slice(1), { env: childEnv as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe"], detached });
  const signal = (name: NodeJS.Signals) => (detached ? process.kill(-child.pid!, name) : child.kill(name));
  const stdout: string[] = [];
  const stderr: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    let pending = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      pending += chunk.toString();
      const lines = pending.split("\n");
      pending = lines.pop()!;
      for (const line of lines) {
        stdout.push(line);
        const listening = /Listening on (http:\/\/localhost:\d+)/.exec(line);
        if (listening) {
          const stop = (name: NodeJS.Signals = "SIGTERM") => (child.exitCode !== null || child.signalCode !== null ? exited : (signal(name), exited));
          resolve({ url: listening[1]!, child, stdout, stderr, exited, stop });
        }
      }
    });
    child.stderr!.on("data", (chunk: Buffer) => stderr.push(...chunk.toString().split("\n").filter(Boolean)));
    void exited.then((code) => reject(Object.assign(new Error(`server exited with ${code}: ${stderr.join(" | ")}`), { code, stderr })));
  });
}

/** Run a server expected to refuse to start; resolves with its exit code and error output. */
export async function failedStart(options: Options): Promise<{ code: number | null; stderr: string[] }> {
  try {
    const server = await startServer(options);
    await server.stop();
    throw new Error("the server started");
  } catch (error) {
    const { code, stderr } = error as { code?: number | null; stderr?: string[] };
    if (stderr === undefined) throw error;
    return { code: code ?? null, stderr };
  }
}

/** Sign in over HTTP; returns the Cookie header to send and the Set-Cookie lines received. */
export async function signInOverHttp(url: string, email: string, password = E2E_PASSWORD) {
  const response = await fetch(`${url}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: url, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, password, redirectTo: "/staff" }),
  });
  const setCookies = response.headers.getSetCookie();
  return { status: response.status, setCookies, cookie: setCookies.map((c) => c.split(";")[0]).join("; ") };
}

/** A form post from the server's own pages. */
export function postForm(url: string, pathname: string, cookie: string, fields: Record<string, string>) {
  return fetch(`${url}${pathname}`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: url, Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields),
  });
}
