import { useEffect, useRef } from "react";
import type { FieldError } from "~/lib/vocabulary";


/** GOV.UK error summary: listed at the top, focused on arrival so screen readers announce it. */
export function ErrorSummary({ errors }: { errors: FieldError[] }) {
  const ref = useRef<HTMLDivElement>(null);
  const key = errors.map((e) => e.message).join("|");
  useEffect(() => {
    if (!key) return;
    ref.current?.focus();
    // GOV.UK: a page with errors says so first in its title, including after a form sent without a page load.
    if (!document.title.startsWith("Error: ")) document.title = `Error: ${document.title}`;
  }, [key]);
  if (errors.length === 0) return null;
  return (
    <div className="error-summary" ref={ref} tabIndex={-1} aria-labelledby="error-summary-title" role="alert" data-testid="error-summary">
      <h2 id="error-summary-title">There is a problem</h2>
      <ul>
        {errors.map((e) => (
          <li key={e.field + e.message}>
            <a href={`#${e.field}`}>{e.message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}
