// Reads, checks and loads ONS geography: districts, wards and postcode centroids.
// Every check runs before anything is written, so a bad release changes nothing.
import { pointOnFeature } from "@turf/turf";
import { parse as parseCsv } from "csv-parse/sync";
import { notInArray } from "drizzle-orm";
import { offerSuccessorWards } from "../../app/models/boundary-mail.server";
import fs from "node:fs";
import { districts, postcodes, wards } from "../../db/schema";
import type { Db } from "../../app/lib/db.server";
import { EMAIL, GSS_CODE } from "../../app/lib/vocabulary";
import { bboxOf, type AreaGeometry } from "../../app/lib/geo";
import { parsePostcode } from "../../app/lib/postcode";

export interface GeographyFiles {
  wards: string;
  districts: string;
  postcodes: string;
  csuInboxes: string;
}

export interface GeographyOptions {
  wardVintage: string;
  districtVintage: string;
}

export interface DistrictRow {
  code: string;
  name: string;
  csuEmail: string;
  geometry: AreaGeometry;
}

export interface WardRow {
  code: string;
  name: string;
  districtCode: string;
  geometry: AreaGeometry;
}

export interface PostcodeRow {
  postcode: string;
  outcode: string;
  lat: number;
  lng: number;
  wardCode: string | null;
  wardMatch: "pip" | "nearest" | null;
}

export interface Geography {
  districts: DistrictRow[];
  wards: WardRow[];
  postcodes: PostcodeRow[];
}

export class GeographyError extends Error {
  constructor(public readonly problems: string[]) {
    super(
      `Geography import refused (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n` +
        problems.slice(0, 20).map((p) => `  - ${p}`).join("\n") +
        (problems.length > 20 ? `\n  ... and ${problems.length - 20} more` : ""),
    );
  }
}


interface FeatureLike {
  properties?: Record<string, unknown> | null;
  geometry?: { type?: string; coordinates?: unknown } | null;
}

function readFeatures(file: string, problems: string[]): FeatureLike[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (e) {
    problems.push(`${file}: not readable GeoJSON (${(e as Error).message})`);
    return [];
  }
  const features = (parsed as { features?: unknown }).features;
  if (!Array.isArray(features)) {
    problems.push(`${file}: not a GeoJSON FeatureCollection`);
    return [];
  }
  return features as FeatureLike[];
}

function areaGeometry(feature: FeatureLike, label: string, problems: string[]): AreaGeometry | null {
  const g = feature.geometry;
  if (!g || (g.type !== "Polygon" && g.type !== "MultiPolygon") || !Array.isArray(g.coordinates)) {
    problems.push(`${label}: geometry must be a Polygon or MultiPolygon`);
    return null;
  }
  const [minLng, minLat, maxLng, maxLat] = bboxOf(g as AreaGeometry);
  if (![minLng, minLat, maxLng, maxLat].every(Number.isFinite) || minLng < -9 || maxLng > 2.5 || minLat < 49 || maxLat > 61) {
    problems.push(`${label}: coordinates are not WGS84 longitude/latitude in Great Britain`);
    return null;
  }
  return g as AreaGeometry;
}

function text(value: unknown): string {
  return typeof value === "string" ? value.trim() : "";
}

/** Read and cross-check the four files. Throws GeographyError listing every problem found. */
export function readGeography(files: GeographyFiles): Geography {
  const problems: string[] = [];

  const inboxes = new Map<string, string>();
  try {
    const rows = parseCsv(fs.readFileSync(files.csuInboxes, "utf8"), { columns: true, skip_empty_lines: true, trim: true }) as Record<string, string>[];
    for (const row of rows) {
      const code = text(row.lad_code);
      const email = text(row.csu_email);
      if (!GSS_CODE.test(code)) problems.push(`${files.csuInboxes}: "${code}" is not a district GSS code`);
      else if (!EMAIL.test(email)) problems.push(`${files.csuInboxes}: district ${code} has no valid CSU email`);
      else inboxes.set(code, email);
    }
  } catch (e) {
    problems.push(`${files.csuInboxes}: not readable CSV (${(e as Error).message})`);
  }

  const districtRows: DistrictRow[] = [];
  for (const f of readFeatures(files.districts, problems)) {
    const code = text(f.properties?.lad_code);
    const name = text(f.properties?.lad_name);
    const label = `district ${code || "(no lad_code)"}`;
    if (!GSS_CODE.test(code) || !name) {
      problems.push(`${label}: needs lad_code and lad_name`);
      continue;
    }
    const geometry = areaGeometry(f, label, problems);
    const csuEmail = inboxes.get(code);
    if (!csuEmail) problems.push(`${label} (${name}): no CSU inbox in ${files.csuInboxes}`);
    if (geometry && csuEmail) districtRows.push({ code, name, csuEmail, geometry });
  }
  const districtCodes = new Set(districtRows.map((d) => d.code));
  if (districtCodes.size !== districtRows.length) problems.push("districts: duplicate lad_code");

  const wardRows: WardRow[] = [];
  const wardCodes = new Set<string>();
  for (const f of readFeatures(files.wards, problems)) {
    const code = text(f.properties?.ward_code);
    const name = text(f.properties?.ward_name);
    const districtCode = text(f.properties?.lad_code);
    const label = `ward ${code || "(no ward_code)"}`;
    if (!GSS_CODE.test(code) || !name) {
      problems.push(`${label}: needs ward_code and ward_name`);
      continue;
    }
    if (wardCodes.has(code)) problems.push(`${label}: appears twice`);
    wardCodes.add(code);
    if (!districtCodes.has(districtCode)) problems.push(`${label} (${name}): district ${districtCode || "(none)"} is not in the districts file`);
    const geometry = areaGeometry(f, label, problems);
    if (geometry) wardRows.push({ code, name, districtCode, geometry });
  }
  for (const d of districtRows) {
    if (!wardRows.some((w) => w.districtCode === d.code)) problems.push(`district ${d.code} (${d.name}) has no wards`);
  }

  const postcodeRows: PostcodeRow[] = [];
  const seen = new Set<string>();
  const wardsWithPostcodes = new Set<string>();
  let records: Record<string, string>[] = [];
  try {
    records = parseCsv(fs.readFileSync(files.postcodes, "utf8"), { columns: true, skip_empty_lines: true, trim: true }) as Record<string, string>[];
  } catch (e) {
    problems.push(`${files.postcodes}: not readable CSV (${(e as Error).message})`);
  }
  records.forEach((row, i) => {
    const line = i + 2;
    const parsed = parsePostcode(row.postcode);
    if (parsed.kind !== "valid") {
      problems.push(`${files.postcodes} line ${line}: "${text(row.postcode)}" is not a valid postcode`);
      return;
    }
    if (seen.has(parsed.postcode)) {
      problems.push(`${files.postcodes} line ${line}: ${parsed.postcode} appears twice`);
      return;
    }
    seen.add(parsed.postcode);
    const lat = Number(row.lat);
    const lng = Number(row.lng);
    if (!Number.isFinite(lat) || !Number.isFinite(lng) || lat < 49 || lat > 61 || lng < -9 || lng > 2.5) {
      problems.push(`${files.postcodes} line ${line}: ${parsed.postcode} has no usable lat/lng`);
      return;
    }
    const wardCode = text(row.ward_code) || null;
    const match = text(row.ward_match);
    if (wardCode && !wardCodes.has(wardCode)) {
      problems.push(`${files.postcodes} line ${line}: ${parsed.postcode} names ward ${wardCode}, which is not in the wards file`);
      return;
    }
    if (wardCode && match !== "pip" && match !== "nearest") {
      problems.push(`${files.postcodes} line ${line}: ${parsed.postcode} has ward_match "${match}" (expected pip or nearest)`);
      return;
    }
    if (wardCode) wardsWithPostcodes.add(wardCode);
    postcodeRows.push({
      postcode: parsed.postcode,
      outcode: parsed.outcode,
      lat,
      lng,
      wardCode,
      wardMatch: wardCode ? (match as "pip" | "nearest") : null,
    });
  });
  for (const w of wardRows) {
    if (!wardsWithPostcodes.has(w.code)) problems.push(`ward ${w.code} (${w.name}) has no postcodes: is the postcode file from the same boundary vintage?`);
  }

  if (problems.length > 0) throw new GeographyError(problems);
  return { districts: districtRows, wards: wardRows, postcodes: postcodeRows };
}

export interface ImportCounts {
  districts: number;
  wards: number;
  kentPostcodes: number;
  outsidePostcodes: number;
}

/** Replace the geography in one transaction. Running it twice with the same files changes nothing. */
export function loadGeography(db: Db, geo: Geography, options: GeographyOptions): ImportCounts {
  db.transaction((tx) => {
    for (const d of geo.districts) {
      const row = {
        name: d.name,
        csuEmail: d.csuEmail,
        geometry: JSON.stringify(d.geometry),
        boundaryVintage: options.districtVintage,
      };
      tx.insert(districts).values({ code: d.code, ...row }).onConflictDoUpdate({ target: districts.code, set: row }).run();
    }
    for (const w of geo.wards) {
      const [minLng, minLat, maxLng, maxLat] = bboxOf(w.geometry);
      const [centroidLng, centroidLat] = pointOnFeature(w.geometry).geometry.coordinates as [number, number];
      const row = {
        name: w.name,
        districtCode: w.districtCode,
        geometry: JSON.stringify(w.geometry),
        minLng,
        minLat,
        maxLng,
        maxLat,
        centroidLng,
        centroidLat,
        boundaryVintage: options.wardVintage,
      };
      tx.insert(wards).values({ code: w.code, ...row }).onConflictDoUpdate({ target: wards.code, set: row }).run();
    }
    tx.delete(postcodes).run();
    // Raw prepared statement: 90,000 rows through the query builder is needlessly slow.
    const insert = db.$client.prepare(
      "INSERT INTO postcodes (postcode, outcode, lat, lng, ward_code, ward_match) VALUES (?, ?, ?, ?, ?, ?)",
    );
    for (const p of geo.postcodes) insert.run(p.postcode, p.outcode, p.lat, p.lng, p.wardCode, p.wardMatch);

    // Wards dropped by a new boundary release go, unless teams still point at them.
    const codes = geo.wards.map((w) => w.code);
    // Their followers are offered the new wards covering them, in this same transaction.
    const retired = tx.select({ code: wards.code, name: wards.name, geometry: wards.geometry }).from(wards).where(notInArray(wards.code, codes)).all();
    offerSuccessorWards(tx, retired.map((r) => ({ ...r, geometry: JSON.parse(r.geometry) })), geo.wards);
    try {
      tx.delete(wards).where(notInArray(wards.code, codes)).run();
    } catch {
      throw new GeographyError([
        "some wards that are no longer in the wards file are still assigned to teams, officers, events or priorities; reassign them before importing this boundary release",
      ]);
    }
  });
  return countGeography(db);
}

export function countGeography(db: Db): ImportCounts {
  const count = (sql: string) => (db.$client.prepare(sql).get() as { n: number }).n;
  return {
    districts: count("SELECT count(*) AS n FROM districts"),
    wards: count("SELECT count(*) AS n FROM wards"),
    kentPostcodes: count("SELECT count(*) AS n FROM postcodes WHERE ward_code IS NOT NULL"),
    outsidePostcodes: count("SELECT count(*) AS n FROM postcodes WHERE ward_code IS NULL"),
  };
}

