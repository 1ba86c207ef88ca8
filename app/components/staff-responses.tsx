// What residents told the team, on the staff ward page and the PACT form: the month's
// concerns ranked with the trend, the places mentioned, the comments (for the ward's
// own team), and on the PACT form the themes each new priority takes up.
import { Link } from "@remix-run/react";
import { Checkboxes } from "~/components/form-fields";
import { ThemeBars } from "~/components/ward-voices";
import { errorFor, type FormValues } from "~/lib/forms";
import { formatMonth } from "~/lib/format";
import { THEME_LABELS } from "~/lib/labels";
import { RESPONSE_THRESHOLD, takenUpField, TREND_LABELS, type ThemeCount, type Trend } from "~/lib/resident-say";
import type { FieldError, PriorityTheme } from "~/lib/vocabulary";

export interface StaffResponsesView {
  month: string;
  lastMonth: string;
  respondents: number;
  previousRespondents: number;
  themes: (ThemeCount & { previous: number; trend: Trend })[];
  dropped: { theme: PriorityTheme; previous: number }[];
  mayRead: boolean;
  places: { place: string; count: number }[];
  comments: { id: number; month: string; place: string | null; themes: PriorityTheme[]; hidden: boolean; comment: string | null; sample: boolean }[];
}

export function ResidentResponsesPanel({ view, wardCode, headingLevel = 2 }: { view: StaffResponsesView; wardCode: string; headingLevel?: 2 | 3 }) {
  const H = `h${headingLevel}` as "h2";
  const Sub = `h${headingLevel + 1}` as "h3";
  return (
    <section aria-labelledby="residents-say-title" className="staff-responses" data-testid="staff-responses">
      <H id="residents-say-title">What residents told us in {formatMonth(view.month)}</H>
      <p>
        {view.respondents === 1 ? "1 person has" : `${view.respondents} people have`} responded this month ({view.previousRespondents} in {formatMonth(view.lastMonth)}).{" "}
        {view.respondents < RESPONSE_THRESHOLD ? `The ward page shows the results once ${RESPONSE_THRESHOLD} people have responded.` : "The ward page shows these results."}
      </p>
      {view.themes.length > 0 ? (
        <table className="theme-bars" data-testid="staff-responses-table">
          <caption>Concerns ranked, with the change since {formatMonth(view.lastMonth)}</caption>
          <thead>
            <tr>
              <th scope="col">Concern</th>
              <th scope="col">People</th>
              <th scope="col">Last month</th>
              <th scope="col">Trend</th>
            </tr>
          </thead>
          <tbody>
            {view.themes.map((t) => (
              <tr key={t.theme}>
                <th scope="row">{THEME_LABELS[t.theme]}</th>
                <td>{t.count}</td>
                <td>{t.previous}</td>
                <td>{TREND_LABELS[t.trend]}</td>
              </tr>
            ))}
            {view.dropped.map((t) => (
              <tr key={t.theme}>
                <th scope="row">{THEME_LABELS[t.theme]}</th>
                <td>0</td>
                <td>{t.previous}</td>
                <td>{TREND_LABELS.down}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {view.mayRead ? (
        <>
          <Sub>Places mentioned this month</Sub>
          {view.places.length === 0 ? (
            <p>No places mentioned yet.</p>
          ) : (
            <ul className="list" data-testid="staff-places">
              {view.places.map((p) => (
                <li key={p.place}>
                  {p.place} ({p.count})
                </li>
              ))}
            </ul>
          )}
          <Sub>Comments this month and last month</Sub>
          <p className="small secondary">For the team only: comments are never published. Hide one that is abusive or identifies someone; its words are kept in the audit log.</p>
          {view.comments.length === 0 ? (
            <p>No comments yet.</p>
          ) : (
            <ul className="list comment-list" data-testid="staff-comments">
              {view.comments.map((c) => (
                <li key={c.id} data-testid="staff-comment">
                  <p className="small secondary">
                    {formatMonth(c.month)} · {c.themes.map((t) => THEME_LABELS[t]).join(", ")}
                    {c.place ? ` · ${c.place}` : ""}
                    {c.sample ? " · sample" : ""}
                  </p>
                  {c.hidden ? (
                    <p>
                      <em>Comment hidden by the team.</em>
                    </p>
                  ) : (
                    <>
                      <blockquote>{c.comment}</blockquote>
                      <Link to={`/staff/wards/${wardCode}/responses/${c.id}/hide`} className="small">
                        Hide this comment
                      </Link>
                    </>
                  )}
                </li>
              ))}
            </ul>
          )}
        </>
      ) : (
        <p className="small secondary">Places and comments are read by the ward's own team.</p>
      )}
    </section>
  );
}

export interface ConsideredMonth {
  month: string;
  respondents: number;
  ranked: ThemeCount[];
  publishable: boolean;
}

/** On the PACT form, under a new priority: which residents' themes it takes up. */
export function TakenUpChoices({ rank, considered, values, errors }: { rank: number; considered: ConsideredMonth; values: FormValues; errors: FieldError[] }) {
  if (!considered.publishable || considered.ranked.length === 0) return null;
  const name = takenUpField(rank);
  const chosen = Array.isArray(values[name]) ? (values[name] as string[]) : [];
  return (
    <Checkboxes
      name={name}
      legend="Which residents' concerns does it take up? (optional)"
      hint={`From ${considered.respondents} responses in ${formatMonth(considered.month)}. The ward page will say “You said … We agreed …”.`}
      values={chosen}
      error={errorFor(errors, name)}
      options={considered.ranked.map((t) => ({ value: t.theme, label: `${THEME_LABELS[t.theme]} (${t.count} ${t.count === 1 ? "person" : "people"})` }))}
    />
  );
}

/** The residents' panel at the top of the PACT form. */
export function PactResidentsPanel({ view, considered, wardCode }: { view: StaffResponsesView; considered: ConsideredMonth; wardCode: string }) {
  return (
    <details className="details" open data-testid="pact-residents">
      <summary>What residents asked for before this meeting</summary>
      {considered.ranked.length > 0 ? (
        <ThemeBars ranked={considered.ranked} caption={`${considered.respondents} responses in ${formatMonth(considered.month)}`} testId="pact-residents-table" />
      ) : (
        <p>No residents have responded in {formatMonth(considered.month)}.</p>
      )}
      {considered.ranked.length > 0 && !considered.publishable ? (
        <p className="small">Fewer than {RESPONSE_THRESHOLD} people responded, so these cannot be published as taken up.</p>
      ) : null}
      {view.places.length > 0 ? <p className="small">Places mentioned: {view.places.map((p) => `${p.place} (${p.count})`).join(", ")}.</p> : null}
      <p className="small">
        <Link to={`/staff/wards/${wardCode}#residents-say-title`}>Read the comments on the ward's staff page</Link>
      </p>
    </details>
  );
}
