import { formatMonth } from "~/lib/format";
import { UPDATE_STATUS_LABELS } from "~/lib/labels";
import type { UpdateStatus } from "~/lib/vocabulary";

/** A monthly update exactly as the ward's public page shows it (the staff note is never part of it). */
export function UpdatePreview({ wardName, title, month, update }: { wardName: string; title: string; month: string; update: { actionTaken: string; partners: string; status: UpdateStatus | null; nextStep: string } }) {
  return (
    <article className="priority" data-testid="preview-update">
      <h3 className="priority__preview-title">
        {wardName}: {title}
      </h3>
      <ol className="timeline">
        <li>
          <h4>
            {formatMonth(month)} {update.status ? <span className="tag">{UPDATE_STATUS_LABELS[update.status]}</span> : null}
          </h4>
          <p>{update.actionTaken}</p>
          {update.partners ? <p className="small secondary">With {update.partners}</p> : null}
          {update.nextStep ? <p className="small">Next: {update.nextStep}</p> : null}
        </li>
      </ol>
    </article>
  );
}
