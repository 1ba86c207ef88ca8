// The top of a ward page: what a resident on a phone came for, in the first
// screen — who polices the ward and how to reach them, when to meet them, and
// what they are working on. Each line links down to the full section.
import { Link } from "@remix-run/react";
import { previousMonth } from "~/lib/dates";
import { formatMonth, formatShortEventTime } from "~/lib/format";
import { CSU_INBOX, EVENT_TYPE_LABELS, UPDATE_STATUS_LABELS } from "~/lib/labels";
import type { EventData } from "./event-list";
import type { PriorityData } from "./priority-timeline";
import { EmailLink } from "./email-address";

const PACT_MEETING = "PACT (Partners and Communities Together) meeting";

export interface GlanceWard {
  name: string;
  districtName: string;
  csuEmail: string;
  teamSlug: string | null;
  teamName: string | null;
}

/** Two calendar months or more without an update: residents should be told, not left to work it out. */
export function isStale(latestMonth: string | null, currentMonth: string): boolean {
  return !latestMonth || latestMonth < previousMonth(currentMonth);
}

export function WardAtAGlance({
  ward,
  events,
  priorities,
  currentMonth,
}: {
  ward: GlanceWard;
  events: EventData[];
  priorities: PriorityData[];
  currentMonth: string;
}) {
  const next = events.find((e) => !e.cancelledAt);
  // "PACT" is explained where a resident first meets it on the page.
  const pactExplainedAbove = next?.type === "pact_meeting";
  return (
    <section className="glance" aria-labelledby="glance-title" data-testid="ward-glance">
      <h2 id="glance-title" className="visually-hidden">
        {ward.name} at a glance
      </h2>
      <dl className="glance__list">
        <div>
          <dt>Team</dt>
          <dd data-testid="glance-team">
            {ward.teamSlug ? <Link to={`/teams/${ward.teamSlug}`}>{ward.teamName}</Link> : "Not assigned"}
          </dd>
        </div>
        <div>
          <dt>Contact</dt>
          <dd data-testid="glance-contact">
            {CSU_INBOX}:{" "}
            <EmailLink address={ward.csuEmail} testId="csu-email" className="break-anywhere" />
            {" "}
            or call <strong>101</strong> (999 in an emergency)
          </dd>
        </div>
        <div>
          <dt>Next meeting</dt>
          <dd data-testid="glance-next">
            {next ? (
              <>
                <a href="#events-title">{next.type === "pact_meeting" ? PACT_MEETING : EVENT_TYPE_LABELS[next.type]}</a>:{" "}
                {formatShortEventTime(next.startsAt, next.endsAt)}, {next.venue}
              </>
            ) : (
              <>
                None planned. <a href="#events-title">Meet your team</a>
              </>
            )}
          </dd>
        </div>
        <div>
          <dt>Priorities</dt>
          <dd>
            {priorities.length === 0 ? (
              "None agreed yet"
            ) : (
              <ol className="glance__priorities" data-testid="glance-priorities">
                {priorities.map((p) => {
                  const latest = p.updates[0];
                  const stale = isStale(latest?.month ?? null, currentMonth);
                  return (
                    <li key={p.id}>
                      <a href={`#priority-${p.id}`}>{p.title}</a>{" "}
                      <span className="glance__status">
                        {latest ? `${UPDATE_STATUS_LABELS[latest.status]}, ${formatMonth(latest.month)}` : "No updates yet"}
                        {stale && latest ? <strong className="glance__stale"> · not updated for 2 months or more</strong> : null}
                      </span>
                    </li>
                  );
                })}
              </ol>
            )}
            <p className="glance__note">
              {pactExplainedAbove
                ? "Agreed with residents at PACT meetings."
                : "Agreed with residents at PACT (Partners and Communities Together) meetings."}
            </p>
          </dd>
        </div>
      </dl>
    </section>
  );
}
