// Stylesheets for pages that show a map, added through the route's `links`,
// so that pages without a map never download them.
import type { LinkDescriptor } from "@remix-run/node";
import leafletStyles from "leaflet/dist/leaflet.css";
import gestureStyles from "leaflet-gesture-handling/dist/leaflet-gesture-handling.css";
import mapStyles from "~/styles/map.css";

export const mapStylesheets: LinkDescriptor[] = [
  { rel: "stylesheet", href: leafletStyles },
  { rel: "stylesheet", href: gestureStyles },
  { rel: "stylesheet", href: mapStyles },
];
