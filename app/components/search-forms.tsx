import { useNavigate } from "@remix-run/react";
import { useState } from "react";
import { useHydrated } from "./client-only";

/** GOV.UK postcode pattern; a plain GET form so it works without JavaScript. */
export function PostcodeForm({ value = "", error }: { value?: string; error?: string }) {
  return (
    <form method="get" action="/search" noValidate role="search" aria-label="Postcode">
      <div className={`form-group${error ? " form-group--error" : ""}`}>
        <label htmlFor="postcode" className="label label--l">
          Enter your postcode
        </label>
        <p id="postcode-hint" className="hint">
          For example, ME15 9BZ
        </p>
        {error ? (
          <p id="postcode-error" className="error-message">
            <span className="visually-hidden">Error:</span> {error}
          </p>
        ) : null}
        <div className="inline-form">
          <input
            className={`input input--postcode${error ? " input--error" : ""}`}
            id="postcode"
            name="postcode"
            type="text"
            autoComplete="postal-code"
            spellCheck={false}
            defaultValue={value}
            aria-describedby={error ? "postcode-hint postcode-error" : "postcode-hint"}
            aria-invalid={error ? true : undefined}
          />
          <button type="submit" className="button">
            Find my team
          </button>
        </div>
      </div>
    </form>
  );
}

export function WardNameForm({ value = "", error }: { value?: string; error?: string }) {
  return (
    <form method="get" action="/search" noValidate role="search" aria-label="Ward name">
      <div className={`form-group${error ? " form-group--error" : ""}`}>
        <label htmlFor="q" className="label">
          Or search by ward, town or village
        </label>
        <p id="q-hint" className="hint">
          For example, Park Wood, Broadstairs or Westgate-on-Sea
        </p>
        {error ? (
          <p id="q-error" className="error-message">
            <span className="visually-hidden">Error:</span> {error}
          </p>
        ) : null}
        <div className="inline-form">
          <input
            className={`input${error ? " input--error" : ""}`}
            id="q"
            name="q"
            type="text"
            defaultValue={value}
            aria-describedby={error ? "q-hint q-error" : "q-hint"}
            aria-invalid={error ? true : undefined}
          />
          <button type="submit" className="button button--secondary">
            Search wards
          </button>
        </div>
      </div>
    </form>
  );
}

/**
 * Needs JavaScript (the browser's location API). Written into the page, so the forms
 * below it do not move when scripts start (a tap meant for "Search wards" must not land
 * on this button); hidden when scripts are off, and disabled until they have started.
 */
export function UseMyLocation() {
  return (
    <div className="needs-script">
      <UseMyLocationButton ready={useHydrated()} />
    </div>
  );
}

function UseMyLocationButton({ ready }: { ready: boolean }) {
  const navigate = useNavigate();
  const [state, setState] = useState<"idle" | "locating" | "failed">("idle");
  if (ready && !("geolocation" in navigator)) return null;
  return (
    <div className="form-group">
      <button
        type="button"
        className="button button--secondary"
        disabled={!ready || state === "locating"}
        onClick={() => {
          setState("locating");
          navigator.geolocation.getCurrentPosition(
            (pos) => navigate(`/search?lat=${pos.coords.latitude.toFixed(5)}&lng=${pos.coords.longitude.toFixed(5)}`),
            () => setState("failed"),
            { enableHighAccuracy: false, timeout: 15_000, maximumAge: 300_000 },
          );
        }}
      >
        {state === "locating" ? "Finding your location…" : "Use my location"}
      </button>
      <p role="status" className={state === "failed" ? "error-message" : "visually-hidden"}>
        {state === "failed" ? "We could not get your location. Check your browser allows it, or enter your postcode instead." : ""}
      </p>
    </div>
  );
}
