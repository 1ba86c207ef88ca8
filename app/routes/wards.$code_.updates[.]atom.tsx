import type { LoaderFunctionArgs } from "@remix-run/node";
import { atomResponse, buildAtomFeed } from "~/lib/news-feed.server";
import { normaliseGssCode } from "~/lib/vocabulary";
import { listNewsForWards } from "~/models/news-feed.server";
import { findWard } from "~/models/ward.server";

export async function loader({ params }: LoaderFunctionArgs) {
  const code = normaliseGssCode(params.code);
  const ward = code ? findWard(code) : null;
  if (!ward) return new Response("No Kent or Medway ward has that code.", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return atomResponse(
    buildAtomFeed({ title: `${ward.name}: PACT priorities and updates`, path: `/wards/${ward.code}`, feedPath: `/wards/${ward.code}/updates.atom`, entries: listNewsForWards([ward.code]) }),
  );
}
