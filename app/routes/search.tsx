import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ErrorSummary } from "~/components/error-summary";
import type { FieldError } from "~/lib/vocabulary";
import { NameResults, OutcodeResults } from "~/components/search-results";
import { PostcodeForm, UseMyLocation, WardNameForm } from "~/components/search-forms";
import { parseCoordinate } from "~/lib/geo";
import { lookupMessage, POLICE_UK_FINDER, type LookupResult } from "~/lib/lookup";
import { parseOutcode } from "~/lib/place-names";
import { findDistrictByName } from "~/models/district.server";
import { listWardsInOutcode, lookupPoint, lookupPostcode } from "~/models/lookup.server";
import { searchPlaces, type PlaceAnswer } from "~/models/place.server";
import { searchWardsByName, type WardSummary } from "~/models/ward.server";

// What we echo back into a field: enough to correct a typo, never a 10 KB paste.
const ECHO_LIMIT = 40;
const MAX_WARD_QUERY = 60;

type SearchState =
  | { mode: "none" }
  | { mode: "postcode"; value: string; result: Exclude<LookupResult, { status: "found" }> }
  | { mode: "location"; result: Exclude<LookupResult, { status: "found" }> }
  | { mode: "ward"; value: string; error: string | null; wards: WardSummary[]; places: PlaceAnswer[] }
  | { mode: "outcode"; outcode: string; wards: WardSummary[] };

export async function loader({ request }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;

  if (params.has("postcode")) {
    const value = params.get("postcode") ?? "";
    const result = lookupPostcode(value);
    if (result.status === "found") throw redirect(`/wards/${result.ward.code}`);
    const outcode = result.status === "invalid" ? outcodeSearch(value) : null;
    if (outcode) return outcode;
    const status = result.status === "empty" || result.status === "invalid" ? 400 : 404;
    return json<SearchState>({ mode: "postcode", value: value.slice(0, ECHO_LIMIT), result }, { status });
  }

  if (params.has("lat") || params.has("lng")) {
    const result = lookupPoint(parseCoordinate(params.get("lat"), -90, 90), parseCoordinate(params.get("lng"), -180, 180));
    if (result.status === "found") throw redirect(`/wards/${result.ward.code}`);
    return json<SearchState>({ mode: "location", result }, { status: result.status === "invalid" ? 400 : 404 });
  }

  if (params.has("q")) {
    const value = (params.get("q") ?? "").trim();
    if (!value) return json<SearchState>({ mode: "ward", value: "", error: "Enter a ward, town or village name", wards: [], places: [] }, { status: 400 });
    if (value.length > MAX_WARD_QUERY) {
      return json<SearchState>({ mode: "ward", value: value.slice(0, ECHO_LIMIT), error: "Enter a ward, town or village name, like Park Wood", wards: [], places: [] }, { status: 400 });
    }
    const outcode = outcodeSearch(value);
    if (outcode) return outcode;
    // A whole postcode typed into the name box is answered as a postcode.
    const asPostcode = lookupPostcode(value);
    if (asPostcode.status === "found") throw redirect(`/wards/${asPostcode.ward.code}`);
    if (asPostcode.status !== "invalid" && asPostcode.status !== "empty") return json<SearchState>({ mode: "postcode", value: value.slice(0, ECHO_LIMIT), result: asPostcode }, { status: 404 });
    const district = findDistrictByName(value);
    if (district) throw redirect(`/districts/${district.code}`);
    const wards = searchWardsByName(value);
    const places = searchPlaces(value);
    if (wards.length === 1 && places.length === 0) throw redirect(`/wards/${wards[0]!.code}`);
    const error = wards.length === 0 && places.length === 0 ? `No ward or place names match “${value}”. Check the spelling, or search by postcode` : null;
    return json<SearchState>({ mode: "ward", value, error, wards, places }, { status: error ? 404 : 200 });
  }

  return json<SearchState>({ mode: "none" });
}

/** A postcode district on its own ("ME15"): the Kent wards it covers, if any. */
function outcodeSearch(value: string) {
  const outcode = parseOutcode(value);
  const wards = outcode ? listWardsInOutcode(outcode) : [];
  return outcode && wards.length ? json<SearchState>({ mode: "outcode", outcode, wards }) : null;
}

/** The page's title says what its heading says. */
export const meta: MetaFunction<typeof loader> = ({ data }) => {
  const state = data as SearchState | undefined;
  const heading =
    state?.mode === "ward" && !state.error
      ? `Wards matching “${state.value.slice(0, 60)}”`
      : state?.mode === "outcode"
        ? `Wards in the ${state.outcode} postcode district`
        : `${state && state.mode !== "none" ? "Error: " : ""}Find your neighbourhood policing team`;
  return [{ title: `${heading} – Kent Neighbourhood Policing` }];
};

export default function Search() {
  const state = useLoaderData<typeof loader>() as SearchState;
  const errors: FieldError[] = [];
  let postcodeError: string | undefined;
  let wardError: string | undefined;
  if (state.mode === "postcode") {
    postcodeError = lookupMessage(state.result, "postcode");
    errors.push({ field: "postcode", message: postcodeError });
  } else if (state.mode === "location") {
    errors.push({ field: "postcode", message: lookupMessage(state.result, "location") });
  } else if (state.mode === "ward" && state.error) {
    wardError = state.error;
    errors.push({ field: "q", message: wardError });
  }
  const result = state.mode === "postcode" || state.mode === "location" ? state.result : null;

  return (
    <div className="two-thirds">
      <ErrorSummary errors={errors} />
      {state.mode === "ward" && !state.error ? (
        <NameResults value={state.value} wards={state.wards} places={state.places} />
      ) : state.mode === "outcode" ? (
        <OutcodeResults outcode={state.outcode} wards={state.wards} />
      ) : (
        <h1>Find your neighbourhood policing team</h1>
      )}

      {result?.status === "outside" ? (
        <div className="notice notice--important" data-testid="outside-kent">
          <p>
            {result.postcode ? `${result.postcode} is` : "That location is"} not policed by Kent Police. Find the police force and neighbourhood
            team for it on <a href={POLICE_UK_FINDER}>police.uk</a>.
          </p>
        </div>
      ) : null}
      {result?.status === "unknown" ? (
        <div className="notice notice--important" data-testid="unknown-postcode">
          <p>
            Our postcode list may not include very new postcodes, or ones that are no longer used. You can search for your ward by name below
            {", or use your location"}.
          </p>
        </div>
      ) : null}

      <PostcodeForm value={state.mode === "postcode" ? state.value : ""} error={postcodeError} />
      <UseMyLocation />
      <WardNameForm value={state.mode === "ward" ? state.value : ""} error={wardError} />
    </div>
  );
}
