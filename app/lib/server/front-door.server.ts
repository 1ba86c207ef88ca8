// Where every request enters, before Express: it is given its request id and log
// line and the security headers every response carries, the one place either is
// set. Then answers that need nothing else (a page held by the response cache at
// the current data version, the lookup API) are sent from here; Express's chain
// of middleware costs several times what they do. Anything they do not answer
// goes on to Express untouched. See docs/decisions/010-page-cache-and-csp.md.
import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import { logLine, runWithin, startRequestLog, type RequestLogOptions } from "./request-log.server";

/** Sends a whole answer and returns true, or returns false having sent nothing. */
export type FastAnswer = (req: IncomingMessage, res: ServerResponse) => boolean;

export interface FrontDoorOptions {
  /** Set on every response before anything else; a page's own policy then replaces the default CSP. */
  headers: Record<string, string>;
  log: RequestLogOptions;
  /** Tried in order. */
  answers: FastAnswer[];
  /** Everything else: the Express app. */
  rest: RequestListener;
}

export function frontDoor({ headers, log, answers, rest }: FrontDoorOptions): RequestListener {
  const common = Object.entries(headers);
  return (req, res) => {
    const state = startRequestLog(req, res, log);
    for (const [name, value] of common) res.setHeader(name, value);
    for (const answer of answers) {
      try {
        if (answer(req, res)) return;
      } catch (error) {
        // Unsent, Express answers it instead: the same work again, and its error page if it fails there too.
        if (!res.headersSent) continue;
        logLine({ level: "error", msg: "unhandled error", method: req.method, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }, (line) => process.stderr.write(line));
        res.destroy();
        return;
      }
    }
    runWithin(state, () => rest(req, res));
  };
}
