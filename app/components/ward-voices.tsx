// Residents' say on a ward page: what the ward told the team (only from 5
// respondents), how the agreed priorities compare, and the form to respond.
import { Form, Link } from "@remix-run/react";
import { Checkboxes, TextArea, TextInput } from "~/components/form-fields";
import { errorFor, type FormValues } from "~/lib/forms";
import { formatMonth } from "~/lib/format";
import { THEME_LABELS } from "~/lib/labels";
import { barPercent, COMMENT_MAX, MAX_THEMES, PLACE_MAX, RESPONSE_THRESHOLD, saidLine, type ThemeCount } from "~/lib/resident-say";
import { PRIORITY_THEMES, type FieldError, type PriorityTheme } from "~/lib/vocabulary";

export interface WardVoices {
  months: { month: string; respondents: number; ranked: ThemeCount[] | null; sample: boolean }[];
  takenUp: { priorityId: number; rank: number; title: string; theme: PriorityTheme; month: string; residents: number }[];
}

/** Ranked concerns as bars, in a table: the table is the text equivalent, the bars are drawn in its cells. */
export function ThemeBars({ ranked, caption, testId }: { ranked: ThemeCount[]; caption: string; testId?: string }) {
  const max = ranked[0]?.count ?? 0;
  return (
    <table className="theme-bars" data-testid={testId}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Concern</th>
          <th scope="col">People</th>
        </tr>
      </thead>
      <tbody>
        {ranked.map((t) => (
          <tr key={t.theme}>
            <th scope="row">{THEME_LABELS[t.theme]}</th>
            <td>
              <span className="theme-bars__bar" style={{ width: `${barPercent(t.count, max) * 0.75}%` }} aria-hidden="true" />
              <span className="theme-bars__count">{t.count}</span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** "What your ward told us": this month and last month, and "You said … We agreed …". */
export function WardResults({ voices }: { voices: WardVoices }) {
  const byPriority = new Map<number, WardVoices["takenUp"]>();
  for (const t of voices.takenUp) byPriority.set(t.priorityId, [...(byPriority.get(t.priorityId) ?? []), t]);
  return (
    <section aria-labelledby="told-us-title" data-testid="ward-results">
      <h2 id="told-us-title">What your ward told us</h2>
      {voices.months.map((m, i) => (
        <div key={m.month}>
          <h3>
            {i === 0 ? "This month" : "Last month"}: {formatMonth(m.month)}
          </h3>
          {m.ranked ? (
            <>
              <p>
                {m.respondents} people responded.
                {m.sample ? (
                  <>
                    {" "}
                    <strong className="tag tag--sample">Sample</strong> These are invented responses.
                  </>
                ) : null}
              </p>
              <ThemeBars ranked={m.ranked} caption={`What residents asked the team to focus on, ${formatMonth(m.month)}`} testId="ward-results-table" />
            </>
          ) : (
            <p data-testid="ward-results-too-few">
              Fewer than {RESPONSE_THRESHOLD} people have responded{i === 0 ? " so far" : ""}, so the results are not shown: in a small ward they could identify someone.
            </p>
          )}
        </div>
      ))}
      {byPriority.size > 0 ? (
        <>
          <h3>You said, we agreed</h3>
          <ul className="list said-agreed" data-testid="said-agreed">
            {[...byPriority.values()].map((themes) => (
              <li key={themes[0]!.priorityId}>
                <strong>You said:</strong> {themes.map((t) => saidLine(t.theme, t.residents)).join("; ")}, in {formatMonth(themes[0]!.month)}. <strong>We agreed:</strong>{" "}
                {themes[0]!.title} (priority {themes[0]!.rank}).
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

const themeOptions = PRIORITY_THEMES.map((t) => ({ value: t, label: THEME_LABELS[t] }));

/** The form itself, on the ward page and (with any problems) on its own page. Works without JavaScript. */
export function ResponseForm({ wardCode, errors = [], values = {} }: { wardCode: string; errors?: FieldError[]; values?: FormValues }) {
  const chosen = Array.isArray(values.themes) ? values.themes : [];
  const text = (k: string) => (typeof values[k] === "string" ? (values[k] as string) : "");
  return (
    <Form method="post" action={`/wards/${wardCode}/say`} noValidate data-testid="response-form">
      <Checkboxes
        name="themes"
        legend={`Choose up to ${MAX_THEMES}`}
        hint="Choose the concerns that matter most where you live."
        values={chosen}
        error={errorFor(errors, "themes")}
        options={themeOptions}
      />
      <TextInput name="place" label="Street or place (optional)" hint="For example, Sutton Road near the primary school" value={text("place")} error={errorFor(errors, "place")} />
      <TextArea
        name="comment"
        label="Anything else the team should know (optional)"
        hint={`Up to ${COMMENT_MAX} characters. Do not include names or details of a crime. Read by the team, not published.`}
        rows={4}
        value={text("comment")}
        error={errorFor(errors, "comment")}
      />
      <TextInput
        name="email"
        type="email"
        label="Email address"
        hint="We send you a link to confirm your response, so each person counts once a month. If you already follow this ward, it counts straight away."
        autoComplete="email"
        spellCheck={false}
        value={text("email")}
        error={errorFor(errors, "email")}
      />
      <button type="submit" className="button">
        Send my response
      </button>
    </Form>
  );
}

/** Before the form: what it is for, and what it is not for. */
export function ResponseIntro() {
  return (
    <>
      <div className="notice notice--important" data-testid="not-for-crime">
        <p>
          <strong>This is not for reporting crime.</strong> In an emergency call 999. Otherwise call 101 or{" "}
          <a href="https://www.kent.police.uk/report">report it at kent.police.uk/report</a>.
        </p>
      </div>
      <p>
        The team reads every response before the ward's PACT meeting. Your comment is read by the team and is not published. Only the number of
        people who chose each concern is shown on this page, once at least {RESPONSE_THRESHOLD} people have responded. One response per person a month
        counts: a second one replaces the first. Places and comments are deleted after 12 months. <Link to="/privacy">What we hold and why</Link>.
      </p>
    </>
  );
}

/** "What should your team focus on?" on the ward page. */
export function ResponseSection({ wardCode }: { wardCode: string }) {
  return (
    <section aria-labelledby="say-title" data-testid="have-your-say">
      <h2 id="say-title">What should your team focus on?</h2>
      <ResponseIntro />
      <ResponseForm wardCode={wardCode} />
    </section>
  );
}

/** On the manage page: the resident's responses, and deleting them. */
export function ManageResponses({ responses }: { responses: { id: number; wardCode: string; wardName: string; month: string }[] }) {
  if (responses.length === 0) return null;
  return (
    <Form method="post" data-testid="manage-responses">
      <h2>Your responses to "What should your team focus on?"</h2>
      <ul className="list">
        {responses.map((r) => (
          <li key={r.id}>
            {r.wardName}, {formatMonth(r.month)}
          </li>
        ))}
      </ul>
      <p>Deleting them removes them from the counts, with any place or comment you gave.</p>
      <button type="submit" name="_intent" value="delete-responses" className="button button--warning">
        Delete my responses
      </button>
    </Form>
  );
}

/** On the privacy page: what is held when a resident responds. */
export function ResponsesPrivacy() {
  return (
    <>
      <h2>If you tell your team what to focus on</h2>
      <p>
        We hold the concerns you chose, the street or place and comment if you gave them, the ward and month, and your email address (to confirm that each
        person counts once a month). Comments and places are read by the ward's neighbourhood team only and are never published; the team can hide one
        that is abusive or names someone. Ward pages and partner agencies see only how many people chose each concern, and only once at least{" "}
        {RESPONSE_THRESHOLD} people in the ward have responded that month.
      </p>
      <p>
        A response never confirmed is deleted after 7 days. Places and comments are deleted 12 months after the month of the response; the count of
        concerns is kept. You can delete your responses from the link in any email we send you.
      </p>
    </>
  );
}
