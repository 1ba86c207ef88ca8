// The maps on the ward, district and team pages, each with its text alternative.
import { Link } from "@remix-run/react";
import { useCallback, useMemo, useState } from "react";
import { formatEventTime } from "~/lib/format";
import { EVENT_TYPE_LABELS } from "~/lib/labels";
import { geometryVersion, wardGeoJsonUrl, type TileLayerConfig } from "~/lib/map/urls";
import { AreaMap, MapHelp, MapOnly } from "./lazy-maps";
import type { VenueMarker } from "./types";

interface EventWithVenue {
  type: keyof typeof EVENT_TYPE_LABELS;
  venue: string;
  lat: number | null;
  lng: number | null;
  startsAt: Date | string;
  endsAt: Date | string;
  cancelledAt: Date | string | null;
}

/** One marker per place, listing every upcoming in-person event held there. */
export function venueMarkers(events: EventWithVenue[]): VenueMarker[] {
  const byPlace = new Map<string, VenueMarker>();
  for (const e of events) {
    if (e.lat == null || e.lng == null || e.cancelledAt || e.type === "online") continue;
    const key = `${e.venue}|${e.lat.toFixed(4)}|${e.lng.toFixed(4)}`;
    const marker = byPlace.get(key) ?? { key, position: [e.lng, e.lat] as [number, number], venue: e.venue, events: [] };
    marker.events.push({ type: EVENT_TYPE_LABELS[e.type], when: formatEventTime(e.startsAt, e.endsAt) });
    byPlace.set(key, marker);
  }
  return [...byPlace.values()];
}

export function WardMapSection({
  ward,
  events,
  tiles,
}: {
  ward: { code: string; name: string; boundaryVintage: string };
  events: EventWithVenue[];
  tiles: TileLayerConfig | null;
}) {
  const [neighbours, setNeighbours] = useState<{ code: string; name: string }[] | null>(null);
  const onLoaded = useCallback(
    (wards: { code: string; name: string; highlighted: boolean }[]) =>
      setNeighbours(wards.filter((w) => !w.highlighted).sort((a, b) => a.name.localeCompare(b.name))),
    []
  );
  const venues = useMemo(() => venueMarkers(events), [events]);
  return (
    <MapOnly>
      {() => (
        <section aria-labelledby="ward-map-title">
          <h2 id="ward-map-title">Map of {ward.name}</h2>
          <p>
            {ward.name} is outlined in blue, with the wards around it.{" "}
            {venues.length ? "Markers show where the surgeries and meetings listed above are held." : null}
          </p>
          <AreaMap
            geometryUrl={wardGeoJsonUrl(ward.code, geometryVersion(ward.boundaryVintage), { neighbours: true })}
            highlight={[ward.code]}
            label={`Map of ${ward.name} ward and its neighbours`}
            venues={venues}
            tiles={tiles}
            onLoaded={onLoaded}
          />
          <MapHelp />
          {neighbours?.length ? (
            <>
              <h3>Neighbouring wards</h3>
              <ul className="list" data-testid="neighbour-wards">
                {neighbours.map((n) => (
                  <li key={n.code}>
                    <Link to={`/wards/${n.code}`}>{n.name}</Link>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      )}
    </MapOnly>
  );
}

/** A district's or team's wards on the county map; the page's own list of wards is the text alternative. */
export function AreaMapSection({
  title,
  description,
  wardCodes,
  boundaryVintage,
  geometryUrl,
  tiles,
}: {
  title: string;
  description: string;
  wardCodes: string[];
  boundaryVintage: string | undefined;
  /** Only the boundaries the map draws: the area's wards and those around them. */
  geometryUrl: string;
  tiles: TileLayerConfig | null;
}) {
  if (!boundaryVintage || wardCodes.length === 0) return null;
  return (
    <MapOnly>
      {() => (
        <section aria-labelledby="area-map-title">
          <h2 id="area-map-title">{title}</h2>
          <p>{description}</p>
          <AreaMap
            geometryUrl={geometryUrl}
            highlight={wardCodes}
            label={`Interactive map: ${description}`}
            tiles={tiles}
          />
          <MapHelp />
        </section>
      )}
    </MapOnly>
  );
}
