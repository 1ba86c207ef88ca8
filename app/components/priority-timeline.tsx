import { formatDate, formatMonth } from "~/lib/format";
import { THEME_LABELS, UPDATE_STATUS_LABELS } from "~/lib/labels";

export interface PriorityData {
  id: number;
  rank: number;
  theme: keyof typeof THEME_LABELS;
  title: string;
  detail: string;
  agreedOn: string;
  status: "active" | "closed";
  outcome: string | null;
  closedOn: string | null;
  correctedAt?: Date | string | null;
  lastUpdated: Date | string | null;
  updates: {
    id: number;
    month: string;
    actionTaken: string;
    partners: string;
    status: keyof typeof UPDATE_STATUS_LABELS;
    nextStep: string;
    revisedAt?: Date | string | null;
    withdrawnAt?: Date | string | null;
  }[];
}

const statusTag: Record<keyof typeof UPDATE_STATUS_LABELS, string> = {
  on_track: "tag",
  making_progress: "tag tag--blue",
  needs_partner_action: "tag tag--yellow",
  resolved: "tag",
};

/** One PACT priority: what residents said, and month by month what was done ("you said, we did"). */
export function PriorityCard({ priority: p }: { priority: PriorityData }) {
  const closed = p.status === "closed";
  // Updates arrive newest first: the latest is shown, earlier months on request.
  const [latest, ...earlier] = p.updates;
  return (
    <article id={`priority-${p.id}`} className={`priority${closed ? " priority--closed" : ""}`} data-testid={closed ? "closed-priority" : "priority"}>
      <p>
        <strong className="tag tag--grey">{THEME_LABELS[p.theme]}</strong> {closed ? <strong className="tag">Closed</strong> : null}
      </p>
      <h3>
        {closed ? null : <span className="visually-hidden">Priority {p.rank}: </span>}
        {closed ? p.title : `${p.rank}. ${p.title}`}
      </h3>
      {p.detail ? <p>{p.detail}</p> : null}
      <p className="priority__meta">
        Agreed at the PACT meeting on {formatDate(p.agreedOn)}
        {closed && p.closedOn ? ` · closed on ${formatDate(p.closedOn)}` : ""}
        {" · "}
        {p.lastUpdated ? <>Last updated {formatDate(new Date(p.lastUpdated))}</> : <>No updates yet</>}
      </p>
      {!closed && p.correctedAt ? (
        <p className="small secondary" data-testid="correction-note">
          Reopened on {formatDate(new Date(p.correctedAt))}: it had been closed by mistake.
        </p>
      ) : null}
      {closed && p.outcome ? (
        <div className="notice">
          <h4>Outcome</h4>
          <p>{p.outcome}</p>
          {p.correctedAt ? (
            <p className="small secondary" data-testid="correction-note">
              Corrected on {formatDate(new Date(p.correctedAt))}
            </p>
          ) : null}
        </div>
      ) : null}
      {latest ? (
        <>
          <p className="priority__latest-title">Latest update</p>
          <ol className="timeline">
            <UpdateItem update={latest} />
          </ol>
        </>
      ) : null}
      {earlier.length > 0 ? (
        <details>
          <summary>
            Show earlier months ({earlier.length} update{earlier.length === 1 ? "" : "s"})
          </summary>
          <ol className="timeline">
            {earlier.map((u) => (
              <UpdateItem key={u.id} update={u} />
            ))}
          </ol>
        </details>
      ) : null}
    </article>
  );
}

function UpdateItem({ update: u }: { update: PriorityData["updates"][number] }) {
  if (u.withdrawnAt) {
    return (
      <li data-testid="withdrawn-update">
        <h4>{formatMonth(u.month)}</h4>
        <p className="secondary">This update was withdrawn on {formatDate(new Date(u.withdrawnAt))}.</p>
      </li>
    );
  }
  return (
    <li>
      <h4>
        {formatMonth(u.month)} <span className={statusTag[u.status]}>{UPDATE_STATUS_LABELS[u.status]}</span>
      </h4>
      <p>{u.actionTaken}</p>
      {u.partners ? <p className="small secondary">With {u.partners}</p> : null}
      {u.nextStep ? <p className="small">Next: {u.nextStep}</p> : null}
      {u.revisedAt ? (
        <p className="small secondary" data-testid="correction-note">
          Corrected on {formatDate(new Date(u.revisedAt))}
        </p>
      ) : null}
    </li>
  );
}
