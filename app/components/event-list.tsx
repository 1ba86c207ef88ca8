import { Link } from "@remix-run/react";
import { formatEventTime } from "~/lib/format";
import { EVENT_TYPE_LABELS } from "~/lib/labels";

export interface EventData {
  id: number;
  type: keyof typeof EVENT_TYPE_LABELS;
  title: string;
  venue: string;
  address: string;
  startsAt: Date | string;
  endsAt: Date | string;
  cancelledAt: Date | string | null;
  wardCode: string | null;
  wardName: string | null;
}

export function EventList({ events, showWard = false }: { events: EventData[]; showWard?: boolean }) {
  if (events.length === 0) return <p>No surgeries or meetings are planned at the moment. Check back soon, or contact the team.</p>;
  return (
    <div data-testid="events">
      {events.map((e) => (
        <article key={e.id} className={`event${e.cancelledAt ? " event--cancelled" : ""}`}>
          <p>
            <strong className="tag tag--blue">{EVENT_TYPE_LABELS[e.type]}</strong>{" "}
            {e.cancelledAt ? <strong className="tag tag--red">Cancelled</strong> : null}
          </p>
          <h3>{e.title}</h3>
          <p>
            <strong>{formatEventTime(e.startsAt, e.endsAt)}</strong>
          </p>
          <p>
            {e.venue}
            {e.address ? `, ${e.address}` : ""}
          </p>
          {e.cancelledAt ? null : (
            <p className="small">
              <a href={`/events/${e.id}.ics`}>
                Add to calendar<span className="visually-hidden">: {e.title}</span>
              </a>
            </p>
          )}
          {showWard && e.wardCode ? (
            <p className="small">
              Ward: <Link to={`/wards/${e.wardCode}`}>{e.wardName}</Link>
            </p>
          ) : null}
        </article>
      ))}
    </div>
  );
}
