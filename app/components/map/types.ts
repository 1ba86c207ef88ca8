// What the map components are given. Kept apart from the *.client.tsx files so
// that route modules can name these types without importing any map code.
import type { Feature, FeatureCollection } from "geojson";
import type { AreaGeometry } from "~/lib/geo";
import type { ColourContext, ColourMode, MapWard } from "~/lib/map/colours";
import type { LayerSelection } from "~/lib/map/layers";
import type { TileLayerConfig } from "~/lib/map/urls";
import type { VoicesByWard } from "~/lib/map/voices";

export type { TileLayerConfig };

export interface WardShapeProps {
  code: string;
  name: string;
  districtCode: string;
  role?: "ward" | "neighbour";
}
export type WardShapeCollection = FeatureCollection<AreaGeometry, WardShapeProps>;

export interface DistrictShapeProps {
  code: string;
  name: string;
  label: [number, number];
}
export type DistrictShapeCollection = FeatureCollection<AreaGeometry, DistrictShapeProps>;

export interface TeamAreaProps {
  slug: string;
  name: string;
  districtCode: string;
  wards: number;
}
export type TeamAreaFeature = Feature<AreaGeometry, TeamAreaProps>;

export interface VenueMarker {
  key: string;
  /** [lng, lat] */
  position: [number, number];
  venue: string;
  events: { type: string; when: string }[];
}

/** Where a map's ward and district boundaries are. */
export interface BoundaryUrls {
  wards: string;
  districts: string;
}

export interface CountyMapProps {
  wards: MapWard[];
  mode: ColourMode;
  colours: ColourContext;
  /** Drawn first, at the whole-county view; `detail` replaces it once the map is zoomed in. */
  overview: BoundaryUrls;
  detail: BoundaryUrls;
  tiles: TileLayerConfig | null;
  /** Called once the wards are drawn (or could not be loaded). */
  onDrawn?: () => void;
}

export interface AreaMapProps {
  /** Boundaries to draw: the county layer, or one ward with its neighbours. */
  geometryUrl: string;
  /** Wards drawn strongly; the rest are drawn faintly for context. */
  highlight: string[];
  /** What the map shows, for screen readers. */
  label: string;
  venues?: VenueMarker[];
  tiles: TileLayerConfig | null;
  /** Called with the wards drawn, once loaded, for the text alternative. */
  onLoaded?: (wards: { code: string; name: string; highlighted: boolean }[]) => void;
}

export interface PartnerVenue {
  id: number;
  type: string;
  typeLabel: string;
  title: string;
  venue: string;
  when: string;
  lat: number;
  lng: number;
  wardCode: string | null;
  teamName: string;
}

export interface PartnerMapProps {
  wards: MapWard[];
  selection: LayerSelection;
  colours: ColourContext;
  venues: PartnerVenue[];
  /** Residents' responses this month, only for wards with 5 or more. */
  voices: VoicesByWard;
  urls: { wards: string; districts: string; teams: string };
  tiles: TileLayerConfig | null;
}

/** A ward's tooltip, and (joined) its name for screen readers. */
export interface WardDescription {
  heading: string;
  lines: string[];
}

/** The staff event form's map: pick the venue's point, or see the postcode's. */
export interface LocationPickerProps {
  /** The team's wards (and their neighbours) as GeoJSON. */
  geometryUrl: string;
  tiles: TileLayerConfig | null;
  /** [lng, lat] of the pin the form starts with, if any. */
  initial: [number, number] | null;
  /** The ids of the form's postcode and ward fields, which the picker follows. */
  postcodeField: string;
  wardField: string;
  /** The form's refusal of the picked point, if the last send was refused: no success line beside it. */
  error?: string;
}
