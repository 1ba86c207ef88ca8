import L from "leaflet";
import { useEffect, useRef } from "react";
import { useMap } from "react-leaflet";
import { toLatLng, type LngLat } from "~/lib/geo";
import { ARROW_DIRECTIONS, nearestPlace, nextInDirection, type Place } from "~/lib/map/navigation";
import type { WardDescription, WardShapeCollection } from "./types";

export interface WardShapesProps {
  shapes: WardShapeCollection;
  /**
   * Finer boundaries for the same wards, when they have arrived: each ward's
   * outline is replaced in place, so focus, the open card and the tab stop stay.
   */
  refined?: WardShapeCollection | null;
  /** Changes whenever `style` would give different answers, so shapes are restyled only then. */
  styleKey: string;
  style: (code: string) => L.PathOptions;
  describe: (code: string) => WardDescription;
  /** A point inside the ward, [lng, lat], if known (else the middle of its bounds). */
  centre?: (code: string) => LngLat | null;
  onOpen: (code: string) => void;
  /** The address onOpen goes to, for the link on a ward's card. */
  href?: (code: string) => string;
  /** The ward that is first in the tab order; by default the one nearest the middle of the view. */
  startAt?: string;
}

const FOCUS_PANE = "wardFocus";
/** Space kept between a tooltip and the map's edge. */
const EDGE = 6;

/**
 * Keep an open tooltip inside the map: below its point when there is no room
 * above, and slid sideways near the left and right edges.
 */
function keepInside(tooltip: L.Tooltip, map: L.Map) {
  const el = tooltip.getElement();
  if (!el) return;
  const box = map.getContainer().getBoundingClientRect();
  el.style.marginLeft = "0px";
  if (tooltip.options.direction !== "top") {
    tooltip.options.direction = "top";
    tooltip.options.offset = L.point(0, -8);
    tooltip.update();
  }
  if (el.getBoundingClientRect().top < box.top + EDGE) {
    tooltip.options.direction = "bottom";
    tooltip.options.offset = L.point(0, 8);
    tooltip.update();
  }
  const r = el.getBoundingClientRect();
  const dx = r.left < box.left + EDGE ? box.left + EDGE - r.left : r.right > box.right - EDGE ? box.right - EDGE - r.right : 0;
  el.style.marginLeft = `${Math.round(dx)}px`;
}

/** Touch and pen have no hover, so a tap shows the ward's card instead of leaving the page at once. */
const isTouch = (e: L.LeafletMouseEvent) => {
  const original = e.originalEvent as PointerEvent | undefined;
  return !!original && "pointerType" in original && (original.pointerType === "touch" || original.pointerType === "pen");
};

function cardContent({ heading, lines }: WardDescription, open: () => void): HTMLElement {
  const root = document.createElement("div");
  root.setAttribute("data-testid", "ward-card");
  const title = document.createElement("h2");
  title.textContent = heading;
  root.append(title);
  for (const line of lines.slice(0, 2)) {
    const p = document.createElement("p");
    p.textContent = line;
    root.append(p);
  }
  const link = document.createElement("a");
  link.className = "map-card__open";
  link.textContent = "Open ward page";
  link.addEventListener("click", (e) => {
    e.preventDefault();
    open();
  });
  root.append(link);
  return root;
}

function tooltipContent({ heading, lines }: WardDescription): HTMLElement {
  const root = document.createElement("div");
  const title = document.createElement("strong");
  title.textContent = heading;
  root.append(title);
  for (const line of lines) {
    const p = document.createElement("div");
    p.textContent = line;
    root.append(p);
  }
  return root;
}

const wardHref = (code: string) => `/wards/${code}`;

/**
 * Ward shapes a person can use with a mouse, a finger or the keyboard alone.
 * Hovering or focusing a ward shows its tooltip; clicking it or pressing Enter
 * opens it; tapping it shows a card with a link to open it.
 * The wards are one stop in the tab order (a roving tabindex); the arrow keys
 * move to the neighbouring ward in that direction.
 */
export function WardShapes({ shapes, refined, styleKey, style, describe, centre, onOpen, href = wardHref, startAt }: WardShapesProps) {
  const map = useMap();
  const latest = useRef({ style, describe, centre, onOpen, href });
  latest.current = { style, describe, centre, onOpen, href };
  const group = useRef<L.GeoJSON | null>(null);
  const drawn = useRef<{ layers: Map<string, L.Path>; refresh: () => void } | null>(null);

  useEffect(() => {
    if (!map.getPane(FOCUS_PANE)) {
      const pane = map.createPane(FOCUS_PANE);
      pane.style.zIndex = "460";
      pane.style.pointerEvents = "none";
    }
    const tooltip = L.tooltip({ direction: "top", offset: [0, -8], opacity: 1, className: "map-tooltip" });
    // The map pans to show the whole card clear of the zoom buttons (top left), and on a
    // phone the card is narrow enough for that to be possible.
    const card = L.popup({
      className: "map-card",
      autoPanPaddingTopLeft: [56, 12],
      autoPanPaddingBottomRight: [12, 12],
      maxWidth: Math.max(180, Math.min(300, map.getSize().x - 96)),
      closeButton: true,
    });
    const layers = new Map<string, L.Path>();
    let focused: string | null = null;
    let hovered: string | null = null;
    let outline: L.LayerGroup | null = null;

    const layer = L.geoJSON(shapes, {
      style: (f) => ({ ...latest.current.style(f!.properties.code), className: "map-ward" }),
      onEachFeature: (f, l) => layers.set(f.properties.code, l as L.Path),
    }).addTo(map);
    group.current = layer;

    const anchor = (code: string): L.LatLng => {
      const c = latest.current.centre?.(code);
      return c ? L.latLng(toLatLng(c)) : (layers.get(code) as L.Polygon).getBounds().getCenter();
    };
    const places: Place[] = [...layers.keys()].map((code) => {
      const p = anchor(code);
      return { code, centre: [p.lng, p.lat] };
    });

    // The focus ring is drawn in a pane above every ward (a focused SVG path
    // cannot be moved to the front: re-inserting it would drop focus).
    const showOutline = (code: string | null) => {
      outline?.remove();
      outline = null;
      const shape = code ? layers.get(code) : undefined;
      if (!shape) return;
      const geometry = (shape as L.Polygon).getLatLngs() as L.LatLngExpression[][];
      outline = L.layerGroup([
        L.polygon(geometry, { pane: FOCUS_PANE, interactive: false, fill: false, color: "#ffdd00", weight: 7, opacity: 1 }),
        L.polygon(geometry, { pane: FOCUS_PANE, interactive: false, fill: false, color: "#0b0c0c", weight: 3, opacity: 1 }),
      ]).addTo(map);
    };
    const showTooltip = (code: string, at: L.LatLng) => {
      tooltip.setContent(tooltipContent(latest.current.describe(code)));
      tooltip.setLatLng(at);
      if (!map.hasLayer(tooltip)) map.openTooltip(tooltip);
      keepInside(tooltip, map);
    };
    const showCard = (code: string, at: L.LatLng) => {
      map.closeTooltip(tooltip);
      const content = cardContent(latest.current.describe(code), () => latest.current.onOpen(code));
      const link = content.querySelector("a");
      link?.setAttribute("href", latest.current.href?.(code) ?? "#");
      card.setContent(content).setLatLng(at).openOn(map);
    };
    const refresh = (at?: L.LatLng) => {
      const code = hovered ?? focused;
      showOutline(code);
      if (code) showTooltip(code, hovered && at ? at : anchor(code));
      else map.closeTooltip(tooltip);
    };

    let tabStop = startAt && layers.has(startAt) ? startAt : nearestPlace([map.getCenter().lng, map.getCenter().lat], places);
    const setTabStop = (code: string) => {
      if (tabStop) layers.get(tabStop)?.getElement()?.setAttribute("tabindex", "-1");
      tabStop = code;
      layers.get(code)?.getElement()?.setAttribute("tabindex", "0");
    };
    const focusWard = (code: string) => {
      const el = layers.get(code)?.getElement() as SVGElement | undefined;
      if (!el) return;
      setTabStop(code);
      map.panInside(anchor(code), { padding: [60, 60], animate: false });
      el.focus({ preventScroll: true });
    };

    const cleanups: (() => void)[] = [];
    for (const [code, shape] of layers) {
      const el = shape.getElement() as SVGElement | undefined;
      if (!el) continue;
      const { heading, lines } = latest.current.describe(code);
      el.setAttribute("tabindex", code === tabStop ? "0" : "-1");
      el.setAttribute("role", "link");
      el.setAttribute("aria-label", [heading, ...lines].join(". "));
      el.dataset.ward = code;
      const onFocus = () => {
        focused = code;
        setTabStop(code);
        // Tabbing to a ward the map has been panned away from: bring it into view.
        // Not on a mouse press, where moving the map would move the click target.
        if (el.matches(":focus-visible")) map.panInside(anchor(code), { padding: [60, 60], animate: false });
        refresh();
      };
      const onBlur = () => {
        if (focused === code) focused = null;
        refresh();
      };
      const onKeyDown = (e: KeyboardEvent) => {
        const direction = ARROW_DIRECTIONS[e.key];
        if (e.key === "Enter") {
          e.preventDefault();
          latest.current.onOpen(code);
        } else if (e.key === "Escape") {
          map.closeTooltip(tooltip);
        } else if (e.key === "+" || e.key === "=" || e.key === "-" || e.key === "_") {
          // Leaflet's own zoom keys only work while the map itself has focus.
          e.preventDefault();
          if (e.key === "+" || e.key === "=") map.zoomIn();
          else map.zoomOut();
        } else if (direction && !e.altKey && !e.ctrlKey && !e.metaKey) {
          // Handled here, so Leaflet's own arrow keys (panning) must not see it.
          e.preventDefault();
          e.stopPropagation();
          const from = places.find((p) => p.code === code)!;
          const next = nextInDirection(from, direction, places);
          if (next) focusWard(next);
        }
      };
      el.addEventListener("focus", onFocus);
      el.addEventListener("blur", onBlur);
      el.addEventListener("keydown", onKeyDown);
      cleanups.push(() => {
        el.removeEventListener("focus", onFocus);
        el.removeEventListener("blur", onBlur);
        el.removeEventListener("keydown", onKeyDown);
      });
      shape.on({
        mouseover: (e: L.LeafletMouseEvent) => {
          hovered = code;
          refresh(e.latlng);
        },
        mousemove: (e: L.LeafletMouseEvent) => {
          if (hovered === code) {
            tooltip.setLatLng(e.latlng);
            keepInside(tooltip, map);
          }
        },
        mouseout: () => {
          if (hovered === code) hovered = null;
          refresh();
        },
        click: (e: L.LeafletMouseEvent) => {
          if (isTouch(e)) {
            hovered = null;
            showCard(code, e.latlng);
          } else latest.current.onOpen(code);
        },
      });
    }

    // After panning or zooming, Tab should land on a ward that can be seen.
    const onMoveEnd = () => {
      if (focused || !tabStop || map.getBounds().contains(anchor(tabStop))) return;
      const centre = map.getCenter();
      const nearest = nearestPlace([centre.lng, centre.lat], places);
      if (nearest) setTabStop(nearest);
    };
    map.on("moveend", onMoveEnd);
    // Leaflet places an open tooltip afresh whenever the map moves or zooms (focus can
    // pan it), which would undo keepInside: do it again after Leaflet.
    const keepTooltipInside = () => map.hasLayer(tooltip) && keepInside(tooltip, map);
    map.on("zoom viewreset moveend", keepTooltipInside);
    cleanups.push(() => map.off("zoom viewreset moveend", keepTooltipInside));
    drawn.current = { layers, refresh: () => refresh() };

    return () => {
      drawn.current = null;
      map.off("moveend", onMoveEnd);
      cleanups.forEach((c) => c());
      outline?.remove();
      map.closeTooltip(tooltip);
      map.closePopup(card);
      layer.remove();
      group.current = null;
    };
  }, [map, shapes, startAt]);

  useEffect(() => {
    if (!refined || !drawn.current) return;
    for (const f of refined.features) {
      const shape = drawn.current.layers.get(f.properties.code) as L.Polygon | undefined;
      if (!shape) continue;
      const g = f.geometry;
      shape.setLatLngs(L.GeoJSON.coordsToLatLngs(g.coordinates, g.type === "Polygon" ? 1 : 2) as L.LatLng[][]);
      shape.feature = f;
    }
    // The focus outline follows the new edge.
    drawn.current.refresh();
  }, [refined, shapes]);

  useEffect(() => {
    group.current?.eachLayer((l) => {
      const code = ((l as L.Polygon).feature as GeoJSON.Feature<GeoJSON.Geometry, { code: string }>).properties.code;
      (l as L.Path).setStyle({ ...latest.current.style(code) });
    });
  }, [styleKey]);

  return null;
}
