import { EVENT_TYPES } from "~/lib/vocabulary";
import type { FieldError } from "~/lib/vocabulary";
import { DateInput, Radios, Select, TextInput } from "~/components/form-fields";
import { errorFor, type FormValues } from "~/lib/forms";
import { EVENT_TYPE_LABELS } from "~/lib/labels";
import { LocationPicker } from "./map/lazy-maps";
import type { TileLayerConfig } from "./map/types";

export interface EventMap {
  geometryUrl: string;
  tiles: TileLayerConfig | null;
}

export function EventFields({ values, errors, wards, map }: { values: FormValues; errors: FieldError[]; wards: { code: string; name: string }[]; map?: EventMap }) {
  const v = (k: string) => String(values[k] ?? "");
  const lat = Number.parseFloat(v("pinLat"));
  const lng = Number.parseFloat(v("pinLng"));
  const locationError = errorFor(errors, "location");
  return (
    <>
      <Radios name="type" legend="What kind of event is it?" value={v("type")} error={errorFor(errors, "type")} options={EVENT_TYPES.map((t) => ({ value: t, label: EVENT_TYPE_LABELS[t] }))} />
      <TextInput name="title" label="Title" hint="For example, Police surgery: Park Wood" value={v("title")} error={errorFor(errors, "title")} />
      <Select
        name="wardCode"
        label="Ward"
        value={v("wardCode")}
        error={errorFor(errors, "wardCode")}
        options={[{ value: "", label: "The whole team area" }, ...wards.map((w) => ({ value: w.code, label: w.name }))]}
      />
      <TextInput name="venue" label="Venue" hint="For example, Park Wood Community Centre, or Online (Microsoft Teams)" value={v("venue")} error={errorFor(errors, "venue")} />
      <TextInput name="address" label="Address or joining details (optional)" value={v("address")} error={errorFor(errors, "address")} />
      <TextInput
        name="postcode"
        label="Venue postcode (optional)"
        hint="Puts the venue on the ward map and the partner map. Leave it blank for an online event."
        width="short"
        autoComplete="postal-code"
        value={v("postcode")}
        error={errorFor(errors, "postcode")}
      />
      {map ? (
        <div id="location" tabIndex={-1} className={`form-group${locationError ? " form-group--error" : ""}`}>
          {locationError ? (
            <p className="error-message" id="location-error">
              <span className="visually-hidden">Error:</span> {locationError}
            </p>
          ) : null}
          <LocationPicker geometryUrl={map.geometryUrl} tiles={map.tiles} initial={Number.isFinite(lat) && Number.isFinite(lng) ? [lng, lat] : null} postcodeField="postcode" wardField="wardCode" error={locationError} />
        </div>
      ) : null}
      <DateInput name="date" legend="Date" value={{ day: v("date-day"), month: v("date-month"), year: v("date-year") }} error={errorFor(errors, "date-day")} />
      <TextInput name="startTime" label="Start time" hint="On the 24-hour clock, for example 19:00" width="short" value={v("startTime")} error={errorFor(errors, "startTime")} />
      <TextInput name="endTime" label="End time" width="short" value={v("endTime")} error={errorFor(errors, "endTime")} />
    </>
  );
}
