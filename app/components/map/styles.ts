// Stylesheets for pages that show a map, added through the route's `links`,
// so that pages without a map never download them. Leaflet's own styles are
// not among them: the map code adds them when it loads (base-map.client.tsx),
// so they never hold up the first paint of a page, nor load without JavaScript.
import type { LinkDescriptor } from "@remix-run/node";
import mapStyles from "~/styles/map.css";

export const mapStylesheets: LinkDescriptor[] = [
  { rel: "stylesheet", href: mapStyles },
];
