import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { ErrorSummary } from "~/components/error-summary";
import { Select, TextInput } from "~/components/form-fields";
import { filterQuery } from "~/lib/audit/filters";
import { areaLabel } from "~/lib/audit/labels";
import { auditFiltersOf } from "~/lib/audit/request.server";
import { errorFor } from "~/lib/forms";
import { requirePermission } from "~/lib/permissions.server";
import { listAuditEvents, type AuditEntry } from "~/models/audit.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "view:audit-log");
  const url = new URL(request.url);
  const { filters, typed, errors, choices, areas } = auditFiltersOf(user, url);
  const asked = Math.min(10_000, Math.max(1, Number.parseInt(url.searchParams.get("page") ?? "1", 10) || 1));
  const { rows, total, pages, page } = listAuditEvents(user, { page: asked, filters });
  return json({ rows, total, pages, page, filters, typed, errors, choices, areas });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.errors.length ? "Error: " : ""}Audit log – Kent Neighbourhood Policing` }];

const dateTime = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", dateStyle: "medium", timeStyle: "medium" });

/** The fields that changed, the old value struck through and the new one beside it. */
function Changes({ changes }: { changes: AuditEntry["changes"] }) {
  if (changes.length === 0) return null;
  return (
    <dl className="diff small">
      {changes.map((c) => (
        <div key={c.field}>
          <dt>
            <strong>{c.label}</strong>
          </dt>
          <dd>
            {c.before !== null ? <del>{c.before}</del> : null} {c.after !== null ? <ins>{c.after}</ins> : c.before !== null ? <span className="secondary">(removed)</span> : null}
          </dd>
        </div>
      ))}
    </dl>
  );
}

export default function AuditLog() {
  const { rows, total, pages, page, filters, typed, errors, choices, areas } = useLoaderData<typeof loader>();
  const link = (p: number) => `/admin/audit?${filterQuery(filters, { page: String(p) })}`;
  const query = filterQuery(filters);
  const filtered = query !== "";
  return (
    <>
      <ErrorSummary errors={errors} />
      <h1>Audit log</h1>
      <p>
        Every change made by staff, every refused page or change and every refused sign-in, newest first: who, when, what, and the record before and after.
        Entries cannot be edited or deleted. Only force administrators can read this log.
      </p>
      <Form method="get" className="filter-form audit-filters" aria-labelledby="audit-filters-title">
        <h2 id="audit-filters-title">
          Filter the log
        </h2>
        <div className="filter-grid">
          <Select name="person" label="Person" hint="What they did, and sign-ins to their account" value={filters.person ?? ""} error={errorFor(errors, "person")} options={[{ value: "", label: "Anyone" }, ...choices.people.map((p) => ({ value: p.id, label: `${p.name} (${p.email})` }))]} />
          <Select name="team" label="Team" error={errorFor(errors, "team")} value={filters.team !== null ? String(filters.team) : ""} options={[{ value: "", label: "Any team" }, ...choices.teams.map((t) => ({ value: String(t.id), label: t.name }))]} />
          <Select name="ward" label="Ward" error={errorFor(errors, "ward")} value={filters.ward ?? ""} options={[{ value: "", label: "Any ward" }, ...choices.wards.map((w) => ({ value: w.code, label: `${w.name} (${w.district})` }))]} />
          <Select
            name="area"
            label="Kind of record"
            error={errorFor(errors, "area")}
            value={filters.area ?? ""}
            options={[{ value: "", label: "Everything" }, ...areas.map((a) => ({ value: a, label: areaLabel(a) })).sort((a, b) => a.label.localeCompare(b.label))]}
          />
          <TextInput name="from" label="From" hint="The first day to show; blank for the beginning" type="date" value={typed.from} error={errorFor(errors, "from")} />
          <TextInput name="to" label="To (included)" hint="The last day to show; blank for today" type="date" value={typed.to} error={errorFor(errors, "to")} />
        </div>
        <div className="button-group">
          <button type="submit" className="button button--secondary">
            Apply filters
          </button>
          {filtered ? <Link to="/admin/audit">Clear filters</Link> : null}
        </div>
      </Form>
      <p data-testid="audit-count">
        {total} entr{total === 1 ? "y" : "ies"}
        {filtered ? (total === 1 ? " matches these filters" : " match these filters") : ""}. Page {page} of {pages}.{" "}
        <a href={`/admin/audit.csv${query ? `?${query}` : ""}`} download>
          {total === 1 ? "Download this entry as CSV" : `Download ${filtered ? "these" : "all"} ${total} entries as CSV`}
        </a>
      </p>
      <div className="table-scroll">
        <table className="table--small audit-table" data-testid="audit-log">
          <caption className="visually-hidden">Audit log entries, newest first</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
              <th scope="col">Change</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} data-testid="audit-entry">
                <td data-label="When">{dateTime.format(new Date(r.at))}</td>
                <td data-label="Who">
                  {r.who}
                  {r.whoDetail ? <div className="secondary">{r.whoDetail}</div> : null}
                </td>
                <td data-label="What">
                  {r.actionLabel}
                  <div className="secondary">
                    {r.subject}
                    {r.wardCode ? (
                      <>
                        {" · "}
                        <Link to={`/staff/wards/${r.wardCode}`}>{r.wardName}</Link>
                      </>
                    ) : null}
                    {r.teamName && !r.wardCode ? ` · ${r.teamName}` : null}
                  </div>
                </td>
                <td data-label="Change">
                  <Changes changes={r.changes} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <nav aria-label="Pages" className="button-group">
        {page > 1 ? <Link to={link(page - 1)}>Newer entries</Link> : null}
        {page < pages ? <Link to={link(page + 1)}>Older entries</Link> : null}
      </nav>
    </>
  );
}
