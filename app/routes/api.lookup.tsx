import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { lookupAnswer } from "~/lib/lookup-api.server";

/**
 * GET /api/lookup?postcode=ME15+9BZ or ?lat=51.25&lng=0.54 → the ward, team and CSU inbox.
 * server.js answers this address itself, ahead of Remix, with the same lookupAnswer.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const { status, body, headers } = lookupAnswer(new URL(request.url).searchParams);
  return json(body, { status, headers });
}
