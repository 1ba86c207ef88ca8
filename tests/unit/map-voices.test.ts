// The partner map's residents' layer and its download columns: counts only for wards
// with 5 or more responses this month, blank for the rest.
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { residentAddresses, residentResponses } from "../../db/schema";
import { ukMonth } from "~/lib/format";
import { EXPORT_COLUMNS, exportCsv, exportGeoJson } from "~/lib/map/export";
import { parseLayerSelection, layerSearch } from "~/lib/map/layers";
import { voiceColumns, voicesFill, voicesLegend, VOICE_SHARE_BANDS } from "~/lib/map/voices";
import { partnerExportSource } from "~/models/map.server";
import { originKeyOf, partnerVoices, recordConfirmedResponse } from "~/models/response.server";
import type { PriorityTheme } from "~/lib/vocabulary";
import { dbWithSampleData } from "./helpers/db";

const NOW = new Date();
const MONTH = ukMonth(NOW);
const BIG = "E05015608"; // 6 responses
const SMALL = "E05010411"; // 4 responses

beforeAll(() => {
  const db = dbWithSampleData();
  db.delete(residentResponses).run();
  for (let id = 1; id <= 12; id++) db.insert(residentAddresses).values({ id, email: `r${id}@example.test`, createdAt: NOW, confirmedAt: NOW, manageTokenHash: `t${id}` }).run();
  let address = 1;
  const respond = (ward: string, themes: PriorityTheme[]) =>
    recordConfirmedResponse({ wardCode: ward, addressId: address++, themes, place: "", comment: "", originKey: originKeyOf(`10.1.${address}.1`) }, NOW);
  for (let i = 0; i < 6; i++) respond(BIG, i < 3 ? ["drugs", "asb"] : ["asb"]);
  for (let i = 0; i < 4; i++) respond(SMALL, ["drugs"]);
});

describe("the residents' layer", () => {
  it("reaches the page only for wards with 5 or more responses", () => {
    expect(partnerVoices(MONTH)).toEqual({ [BIG]: { respondents: 6, counts: { drugs: 3, asb: 6 } } });
  });

  it("shades by the share who named the theme, and leaves suppressed wards unshaded", () => {
    const voices = partnerVoices(MONTH);
    expect(voicesFill(voices[BIG], "asb")).toBe(VOICE_SHARE_BANDS[0].colour);
    expect(voicesFill(voices[BIG], "drugs")).toBe(VOICE_SHARE_BANDS[0].colour);
    expect(voicesFill(voices[BIG], "parking")).toBe(VOICE_SHARE_BANDS[3].colour);
    expect(voicesFill(voices[SMALL], "drugs")).toBeNull();
    expect(voicesLegend(voices, 279, "drugs")).toMatchObject({ suppressed: 278, label: "Drugs" });
  });

  it("keeps the theme in the address when only the residents' layer is on", () => {
    const selection = parseLayerSelection(new URLSearchParams("layers=responses&theme=parking"));
    expect(selection).toEqual({ layers: ["responses"], theme: "parking" });
    expect(layerSearch(selection)).toBe("?layers=responses&theme=parking");
  });
});

describe("downloads with the residents' layer", () => {
  it("has one row per ward, with counts only where 5 or more responded", () => {
    const source = partnerExportSource({ layers: ["responses"], theme: "drugs" }, "https://example.test", NOW);
    const rows = parse(exportCsv(source), { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual([...EXPORT_COLUMNS]);
    expect(rows).toHaveLength(279);
    const big = rows.find((r) => r.code === BIG)!;
    expect(big).toMatchObject({ layer: "responses", responses_month: MONTH, respondents: "6", said_drugs: "3", said_asb: "6", said_parking: "0", detail: "Most named: Anti-social behaviour" });
    const small = rows.find((r) => r.code === SMALL)!;
    expect(small).toMatchObject({ respondents: "", said_drugs: "", detail: "Fewer than 5 responses: not shown" });
    const features = exportGeoJson(source).features;
    expect(features.find((f) => f.properties!.code === SMALL)!.properties).not.toHaveProperty("said_drugs");
    expect(features.find((f) => f.properties!.code === BIG)!.properties).toMatchObject({ said_drugs: 3, respondents: 6 });
  });

  it("adds nothing when the layer is off", () => {
    const rows = parse(exportCsv(partnerExportSource({ layers: ["wards"], theme: "drugs" }, "https://example.test", NOW)), { columns: true }) as Record<string, string>[];
    expect(rows.every((r) => r.layer === "ward" && r.respondents === "")).toBe(true);
  });

  it("words a suppressed ward's columns as blank", () => {
    expect(voiceColumns(undefined, MONTH)).toMatchObject({ respondents: null, said_asb: null });
  });
});
