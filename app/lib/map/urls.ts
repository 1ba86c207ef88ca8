// Addresses of the boundary files. They carry a version (the ONS boundary
// vintage plus a revision of how we simplify it), so browsers may keep them
// for a year: new boundaries or new simplification mean a new address.

/** Bump when the served geometry changes for the same ONS boundaries. */
export const GEOMETRY_REVISION = 1;

export const geometryVersion = (boundaryVintage: string) => `${boundaryVintage}.${GEOMETRY_REVISION}`;

const v = (version: string) => `v=${encodeURIComponent(version)}`;

/**
 * Boundary files come at two levels of detail: `overview`, light enough to draw
 * the whole county quickly on a phone, and the default, fine enough to zoom in on.
 */
export interface Detail {
  overview?: boolean;
}
const detail = ({ overview = false }: Detail) => (overview ? "&overview=1" : "");

/** Past this zoom a county map swaps the overview boundaries for the finer ones (a screen pixel there covers about 9,000 m²). */
export const OVERVIEW_MAX_ZOOM = 10;

/** All wards, simplified for the whole-county view. */
export const wardsGeoJsonUrl = (version: string, level: Detail = {}) => `/api/wards.geojson?${v(version)}${detail(level)}`;

/** One ward, optionally followed by the wards that border it. */
export const wardGeoJsonUrl = (code: string, version: string, { neighbours = false } = {}) =>
  `/api/wards/${encodeURIComponent(code)}.geojson?${v(version)}${neighbours ? "&neighbours=1" : ""}`;

/** The 13 district outlines. */
export const districtsGeoJsonUrl = (version: string, level: Detail = {}) => `/api/districts.geojson?${v(version)}${detail(level)}`;

/** Team areas change when wards move between teams, so their version is a fingerprint of the assignment. */
export const teamAreasGeoJsonUrl = (assignmentVersion: string) => `/api/teams.geojson?${v(assignmentVersion)}`;

/** An optional base map: a tile address template and the attribution its provider requires. */
export interface TileLayerConfig {
  url: string;
  attribution: string;
}

/** One team's wards and the wards around them: the team page's map. */
export const teamWardsGeoJsonUrl = (slug: string, assignmentVersion: string) =>
  `/api/teams/${encodeURIComponent(slug)}.geojson?${v(assignmentVersion)}`;

/** A picture of the county map, shown until the interactive one has loaded: wards in district colours, or all plain. */
export const countyPreviewUrl = (version: string, colouring: "district" | "plain") => `/api/wards.svg?${v(version)}&colour=${colouring}`;

/** One district's wards and the wards around them: the district page's map. */
export const districtWardsGeoJsonUrl = (code: string, version: string) => `/api/districts/${encodeURIComponent(code)}.geojson?${v(version)}`;
