import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ResidentResponsesPanel } from "~/components/staff-responses";
import { normaliseGssCode } from "~/lib/vocabulary";
import { previousMonth } from "~/lib/dates";
import { formatDate, formatMonth, ukMonth } from "~/lib/format";
import { THEME_LABELS, UPDATE_STATUS_LABELS } from "~/lib/labels";
import { canForTeam } from "~/lib/permissions";
import { requirePermission } from "~/lib/permissions.server";
import { listPrioritiesForStaff } from "~/models/priority.server";
import { mayReadNotesIn } from "~/models/partner-area.server";
import { responsesForStaff } from "~/models/response.server";
import { findWard } from "~/models/ward.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "view:staff-notes");
  const code = normaliseGssCode(params.code);
  const ward = code ? findWard(code) : null;
  if (!ward) throw new Response("Ward not found", { status: 404 });
  const teamId = ward.teamId;
  const priorities = listPrioritiesForStaff(user, ward.code);
  return json({
    ward,
    teamId,
    month: ukMonth(new Date()),
    canEdit: canForTeam(user, "edit:priorities", teamId),
    notesShown: mayReadNotesIn(user, ward.districtCode),
    active: priorities.filter((p) => p.status === "active"),
    closed: priorities.filter((p) => p.status === "closed"),
    residents: responsesForStaff(user, ward.code),
  });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.ward.name ?? "Ward"}: priorities (staff) – Kent Neighbourhood Policing` }];

type Priority = ReturnType<typeof useLoaderData<typeof loader>>["active"][number];

function UpdateItem({ u, canEdit }: { u: Priority["updates"][number]; canEdit: boolean }) {
  return (
    <li key={u.id} data-testid="staff-update">
      <h4>
        {formatMonth(u.month)} <span className="tag tag--grey">{UPDATE_STATUS_LABELS[u.status]}</span>
      </h4>
      {u.withdrawnAt ? <p className="secondary" data-testid="staff-withdrawn">Withdrawn on {formatDate(new Date(u.withdrawnAt))}.</p> : <p>{u.actionTaken}</p>}
      {u.partners ? <p className="small secondary">With {u.partners}</p> : null}
      {u.nextStep ? <p className="small">Next: {u.nextStep}</p> : null}
      {u.internalNote ? (
        <div className="staff-note small" data-testid="staff-note">
          <strong>Staff and partners only:</strong> {u.internalNote}
        </div>
      ) : null}
      <ul className="actions">
        {canEdit ? (
          <li>
            <Link to={`/staff/updates/${u.id}/edit`}>
              Correct this update<span className="visually-hidden"> for {formatMonth(u.month)}</span>
            </Link>
          </li>
        ) : null}
        {u.versions > 0 && canEdit ? (
          <li>
            <Link to={`/staff/updates/${u.id}/edit#history`}>
              {u.versions} earlier version{u.versions === 1 ? "" : "s"}
            </Link>
          </li>
        ) : u.versions > 0 ? (
          <li className="secondary">
            Corrected {u.versions} time{u.versions === 1 ? "" : "s"}
          </li>
        ) : null}
      </ul>
    </li>
  );
}

/** The latest update in full; the earlier ones folded away, so the page stays short. */
function Updates({ p, canEdit, folded = true }: { p: Priority; canEdit: boolean; folded?: boolean }) {
  if (p.updates.length === 0) return <p>No monthly updates yet.</p>;
  const [latest, ...earlier] = p.updates;
  if (!folded) {
    return (
      <ol className="timeline" reversed>
        {p.updates.map((u) => (
          <UpdateItem key={u.id} u={u} canEdit={canEdit} />
        ))}
      </ol>
    );
  }
  return (
    <>
      <ol className="timeline" reversed>
        <UpdateItem u={latest!} canEdit={canEdit} />
      </ol>
      {earlier.length > 0 ? (
        <details>
          <summary>Earlier updates ({earlier.length})</summary>
          <ol className="timeline" reversed start={earlier.length}>
            {earlier.map((u) => (
              <UpdateItem key={u.id} u={u} canEdit={canEdit} />
            ))}
          </ol>
        </details>
      ) : null}
    </>
  );
}

export default function StaffWardPage() {
  const { ward, month, canEdit, notesShown, active, closed, residents } = useLoaderData<typeof loader>();
  const emptyRanks = [1, 2, 3].filter((r) => !active.some((p) => p.rank === r));
  return (
    <>
      <h1>
        <span className="caption">
          {ward.teamName ?? "No team"} · {ward.districtName}
        </span>
        {ward.name}: priorities
      </h1>
      <p>
        <Link to={`/wards/${ward.code}`}>See the public page for {ward.name}</Link>
      </p>
      {notesShown ? null : (
        <div className="notice" data-testid="notes-outside-area">
          <p>{ward.districtName} is outside your organisation's area, so staff-only notes are not shown. A force administrator can change your area.</p>
        </div>
      )}
      {canEdit ? (
        <p>
          <Link to={`/staff/wards/${ward.code}/pact`} className="button">
            Record a PACT meeting
          </Link>
        </p>
      ) : null}

      <h2>Active priorities</h2>
      {active.length === 0 ? <p>This ward has no active priorities.</p> : null}
      {active.map((p) => {
        const hasThisMonth = p.updates.some((u) => u.month === month);
        const lastMonth = previousMonth(month);
        const lateUpdatePossible = p.agreedOn.slice(0, 7) <= lastMonth && !p.updates.some((u) => u.month === lastMonth);
        return (
          <article key={p.id} id={`priority-${p.id}`} tabIndex={-1} className="priority" data-testid="staff-priority">
            <p>
              <strong className="tag tag--grey">{THEME_LABELS[p.theme]}</strong>{" "}
              {hasThisMonth ? <strong className="tag">Updated for {formatMonth(month)}</strong> : <strong className="tag tag--yellow">{formatMonth(month)} update due</strong>}
            </p>
            <h3>
              {p.rank}. {p.title}
            </h3>
            {p.detail ? <p>{p.detail}</p> : null}
            <p className="priority__meta">
              Agreed on {formatDate(p.agreedOn)} · {p.lastUpdated ? `Last updated ${formatDate(new Date(p.lastUpdated))}` : "No updates yet"}
            </p>
            {canEdit ? (
              <ul className="actions">
                {!hasThisMonth ? (
                  <li>
                    <Link to={`/staff/priorities/${p.id}/updates/new`} className="button button--flush">
                      Publish the {formatMonth(month)} update<span className="visually-hidden"> for priority {p.rank}</span>
                    </Link>
                  </li>
                ) : lateUpdatePossible ? (
                  <li>
                    <Link to={`/staff/priorities/${p.id}/updates/new`}>Publish a late update for {formatMonth(lastMonth)}</Link>
                  </li>
                ) : null}
                <li>
                  <Link to={`/staff/priorities/${p.id}/edit`}>
                    Correct the wording<span className="visually-hidden"> of priority {p.rank}</span>
                  </Link>
                </li>
                <li>
                  <Link to={`/staff/priorities/${p.id}/close`}>
                    Close with an outcome<span className="visually-hidden">: priority {p.rank}</span>
                  </Link>
                </li>
              </ul>
            ) : null}
            <Updates p={p} canEdit={canEdit} />
          </article>
        );
      })}
      {emptyRanks.length > 0 ? (
        <div className="notice" data-testid="empty-slots">
          <p>
            Slot{emptyRanks.length === 1 ? "" : "s"} {emptyRanks.join(" and ")} {emptyRanks.length === 1 ? "is" : "are"} empty.{" "}
            {canEdit ? <Link to={`/staff/wards/${ward.code}/pact`}>Record the PACT meeting that agreed the new priorit{emptyRanks.length === 1 ? "y" : "ies"}</Link> : null}
          </p>
        </div>
      ) : null}

      <ResidentResponsesPanel view={residents} wardCode={ward.code} />

      {closed.length > 0 ? (
        <>
          <h2>Closed priorities</h2>
          {closed.map((p) => (
            <article key={p.id} className="priority priority--closed" data-testid="staff-closed-priority">
              <h3>{p.title}</h3>
              <p className="priority__meta">
                Agreed on {formatDate(p.agreedOn)}
                {p.closedOn ? ` · closed on ${formatDate(p.closedOn)}` : ""}
              </p>
              {p.outcome ? (
                <p>
                  <strong>Outcome:</strong> {p.outcome}
                  {p.correctedAt ? <span className="small secondary"> (corrected on {formatDate(new Date(p.correctedAt))})</span> : null}
                </p>
              ) : null}
              {canEdit ? (
                <p>
                  <Link to={`/staff/priorities/${p.id}/outcome`}>
                    Correct the outcome or reopen<span className="visually-hidden">: {p.title}</span>
                  </Link>
                </p>
              ) : null}
              {p.updates.length > 0 ? (
                <details>
                  <summary>Monthly updates ({p.updates.length})</summary>
                  <Updates p={p} canEdit={canEdit} folded={false} />
                </details>
              ) : (
                <p className="small secondary">It had no monthly updates.</p>
              )}
            </article>
          ))}
        </>
      ) : null}
    </>
  );
}
