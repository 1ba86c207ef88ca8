// The yardstick the benchmark measures the app against: a bare node:http server
// doing the same work from memory. It serves the exact bytes the app served for
// each page, and answers /api/lookup from a Map of every Kent postcode built
// from the same database, with the same JSON.
//
//   node --import tsx scripts/bench-plain-node.ts   (PORT, DATABASE_PATH, BENCH_PAGES: a JSON file of path → body)
import Database from "better-sqlite3";
import fs from "node:fs";
import http from "node:http";

const pages = new Map<string, { headers: Record<string, string>; body: Buffer }>();
for (const [path, page] of Object.entries(JSON.parse(fs.readFileSync(process.env.BENCH_PAGES!, "utf8")) as Record<string, { contentType: string; body: string }>)) {
  const body = Buffer.from(page.body, "base64");
  pages.set(path, { headers: { "Content-Type": page.contentType, "Content-Length": String(body.length) }, body });
}

type Answer = Record<string, unknown>;
const db = new Database(process.env.DATABASE_PATH!, { readonly: true });
const rows = db
  .prepare(
    `SELECT p.postcode, p.lat, p.lng, p.ward_match AS match, w.code AS wardCode, w.name AS wardName, d.code AS districtCode, d.name AS districtName,
            d.csu_email AS csuEmail, t.slug AS teamSlug, t.name AS teamName
       FROM postcodes p JOIN wards w ON w.code = p.ward_code JOIN districts d ON d.code = w.district_code
       LEFT JOIN team_wards tw ON tw.ward_code = w.code LEFT JOIN teams t ON t.id = tw.team_id`,
  )
  .all() as Record<string, string | number | null>[];
db.close();
const lookup = new Map<string, Answer>(
  rows.map((r) => [
    r.postcode as string,
    {
      postcode: r.postcode,
      lat: r.lat,
      lng: r.lng,
      match: r.match ?? "pip",
      ward: { code: r.wardCode, name: r.wardName },
      district: { code: r.districtCode, name: r.districtName },
      team: r.teamSlug ? { name: r.teamName, url: `/teams/${r.teamSlug}` } : null,
      csuEmail: r.csuEmail,
      url: `/wards/${r.wardCode}`,
    },
  ]),
);

/** "me159bz" → "ME15 9BZ": the normalising any postcode lookup must do. */
function normalise(input: string | null): string | null {
  const compact = (input ?? "").replace(/\s+/g, "").toUpperCase();
  return /^[A-Z]{1,2}\d[A-Z\d]?\d[A-Z]{2}$/.test(compact) ? `${compact.slice(0, -3)} ${compact.slice(-3)}` : null;
}

const LOOKUP_HEADERS = { "Content-Type": "application/json; charset=utf-8", "Access-Control-Allow-Origin": "*", "Cache-Control": "public, max-age=60" };

http
  .createServer((req, res) => {
    const url = req.url ?? "/";
    if (url.startsWith("/api/lookup?")) {
      const postcode = normalise(new URLSearchParams(url.slice(url.indexOf("?") + 1)).get("postcode"));
      const answer = postcode ? lookup.get(postcode) : undefined;
      const body = JSON.stringify(answer ?? { error: "not found" });
      res.writeHead(answer ? 200 : 404, { ...LOOKUP_HEADERS, "Content-Length": Buffer.byteLength(body) }).end(body);
      return;
    }
    const page = pages.get(url);
    if (!page) return void res.writeHead(404).end();
    res.writeHead(200, page.headers).end(page.body);
  })
  .listen(Number(process.env.PORT), () => console.log("listening"));
