// The audit log as CSV: one row per entry, the changes in one cell, every cell made
// safe to open in a spreadsheet (app/lib/csv.ts).
import { csvDocument } from "../csv";
import type { AuditChange } from "./labels";

export const AUDIT_CSV_COLUMNS = ["When (UTC)", "Who", "Who (as recorded)", "What", "Action", "About", "Ward", "Team", "Changes"] as const;

interface Entry {
  at: string;
  who: string;
  whoDetail: string | null;
  actionLabel: string;
  action: string;
  subject: string;
  wardName: string | null;
  teamName: string | null;
  changes: AuditChange[];
}

const change = (c: AuditChange) => `${c.label}: ${c.before ?? "(empty)"} → ${c.after ?? "(empty)"}`;

export function auditCsv(entries: readonly Entry[], truncated = false): string {
  const rows = entries.map((e) => [e.at, e.who, e.whoDetail ?? e.who, e.actionLabel, e.action, e.subject, e.wardName, e.teamName, e.changes.map(change).join("\n")]);
  if (truncated) rows.push(["", "", "", "Only the newest entries are included: narrow the filters to download the rest", "", "", "", "", ""]);
  return csvDocument(AUDIT_CSV_COLUMNS, rows);
}
