import type { LoaderFunctionArgs } from "@remix-run/node";
import { atomResponse, buildAtomFeed } from "~/lib/news-feed.server";
import { normaliseGssCode } from "~/lib/vocabulary";
import { findDistrict } from "~/models/district.server";
import { listNewsForWards } from "~/models/news-feed.server";
import { listWardsInDistrict } from "~/models/ward.server";

export async function loader({ params }: LoaderFunctionArgs) {
  const code = normaliseGssCode(params.code);
  const district = code ? findDistrict(code) : null;
  if (!district) return new Response("No Kent or Medway district has that code.", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const wardCodes = listWardsInDistrict(district.code).map((w) => w.code);
  return atomResponse(
    buildAtomFeed({ title: `${district.name}: PACT priorities and updates`, path: `/districts/${district.code}`, feedPath: `/districts/${district.code}/updates.atom`, entries: listNewsForWards(wardCodes) }),
  );
}
