import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/lib/permissions.server";
import { listAuditAreas, listAuditEvents } from "~/models/audit.server";

const dateTime = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", dateStyle: "medium", timeStyle: "medium" });

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "view:audit-log");
  const url = new URL(request.url);
  const page = Math.min(10_000, Math.max(1, Number.parseInt(url.searchParams.get("page") ?? "1", 10) || 1));
  const areas = listAuditAreas(user);
  const requested = url.searchParams.get("area") ?? "";
  const area = areas.includes(requested) ? requested : "";
  const { rows, total, pages } = listAuditEvents(user, { page, area: area || undefined });
  return json({ rows, total, pages, page, area, areas });
}

export const meta: MetaFunction = () => [{ title: "Audit log – Kent Neighbourhood Policing" }];

type Json = Record<string, unknown> | null;
const parse = (s: string | null): Json => {
  if (!s) return null;
  try {
    return JSON.parse(s) as Json;
  } catch {
    return null;
  }
};
const show = (v: unknown) => (v === null || v === undefined ? "(empty)" : typeof v === "string" ? v : JSON.stringify(v));

/** The fields that changed, old struck through and new beside it. */
function Changes({ before, after }: { before: string | null; after: string | null }) {
  const b = parse(before);
  const a = parse(after);
  if (!b && !a) return null;
  const keys = [...new Set([...Object.keys(b ?? {}), ...Object.keys(a ?? {})])].filter((k) => JSON.stringify(b?.[k]) !== JSON.stringify(a?.[k]));
  if (keys.length === 0) return null;
  return (
    <dl className="diff small">
      {keys.map((k) => (
        <div key={k}>
          <dt>
            <strong>{k}</strong>
          </dt>
          <dd>
            {b && k in b ? <del>{show(b[k])}</del> : null} {a && k in a ? <ins>{show(a[k])}</ins> : null}
          </dd>
        </div>
      ))}
    </dl>
  );
}

export default function AuditLog() {
  const { rows, total, pages, page, area, areas } = useLoaderData<typeof loader>();
  const link = (p: number) => `/admin/audit?${new URLSearchParams({ ...(area ? { area } : {}), page: String(p) })}`;
  return (
    <>
      <h1>Audit log</h1>
      <p>Every change made by staff, newest first: who, when, what, and the record before and after. Entries cannot be edited or deleted.</p>
      <Form method="get" className="inline-form filter-form">
        <div>
          <label htmlFor="area" className="label">
            Show
          </label>
          <select id="area" name="area" className="select" defaultValue={area}>
            <option value="">Everything</option>
            {areas.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button button--secondary">
          Filter
        </button>
      </Form>
      <p>
        {total} entr{total === 1 ? "y" : "ies"}. Page {page} of {pages}.
      </p>
      <table className="table--small" data-testid="audit-log">
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
            <tr key={r.id}>
              <td>{dateTime.format(new Date(r.at))}</td>
              <td>
                {r.actorName ?? r.actorLabel}
                {r.actorName ? <div className="secondary">{r.actorLabel}</div> : null}
              </td>
              <td>
                <code>{r.action}</code>
                <div className="secondary">
                  {r.subjectType} {r.subjectId}
                  {r.wardCode ? (
                    <>
                      {" · "}
                      <Link to={`/staff/wards/${r.wardCode}`}>{r.wardCode}</Link>
                    </>
                  ) : null}
                </div>
              </td>
              <td>
                <Changes before={r.before} after={r.after} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <nav aria-label="Pages" className="button-group">
        {page > 1 ? <Link to={link(page - 1)}>Newer entries</Link> : null}
        {page < pages ? <Link to={link(page + 1)}>Older entries</Link> : null}
      </nav>
    </>
  );
}
