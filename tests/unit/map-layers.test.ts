// The partner map's layer choices, as they travel in page and download addresses.
import { describe, expect, it } from "vitest";
import { DEFAULT_LAYERS, layerSearch, parseLayerSelection } from "~/lib/map/layers";

const parse = (query: string) => parseLayerSelection(new URLSearchParams(query));

describe("parseLayerSelection", () => {
  it("starts with wards and districts", () => {
    expect(parse("")).toEqual({ layers: [...DEFAULT_LAYERS], theme: "asb" });
  });

  it("reads the layers and theme, in a fixed order, ignoring what it does not know", () => {
    expect(parse("layers=venues,wards,rockets&theme=drugs")).toEqual({ layers: ["wards", "venues"], theme: "drugs" });
    expect(parse("layers=priorities&theme=__proto__")).toEqual({ layers: ["priorities"], theme: "asb" });
  });

  it("treats an empty list as no layers at all", () => {
    expect(parse("layers=").layers).toEqual([]);
  });

  it("reads the form sent without JavaScript", () => {
    expect(parse("layers=&layer=teams&layer=districts&theme=roads")).toEqual({ layers: ["districts", "teams"], theme: "roads" });
  });
});

describe("layerSearch", () => {
  it("round-trips, and keeps a chosen theme while the priority layer is off", () => {
    const selection = { layers: ["venues", "priorities", "wards"] as const, theme: "parking" as const };
    const search = layerSearch({ layers: [...selection.layers], theme: selection.theme });
    expect(search).toBe("?layers=wards,venues,priorities&theme=parking");
    expect(parse(search.slice(1))).toEqual({ layers: ["wards", "venues", "priorities"], theme: "parking" });
    expect(layerSearch({ layers: ["wards"], theme: "parking" })).toBe("?layers=wards&theme=parking");
    expect(layerSearch({ layers: ["wards"], theme: "asb" })).toBe("?layers=wards");
    expect(layerSearch({ layers: [], theme: "asb" })).toBe("?layers=");
  });
});
