import type { LoaderFunctionArgs } from "@remix-run/node";
import { auditCsv } from "~/lib/audit/export";
import { auditFiltersOf } from "~/lib/audit/request.server";
import { ukDate } from "~/lib/format";
import { requirePermission } from "~/lib/permissions.server";
import { exportAuditEvents } from "~/models/audit.server";

/** GET /admin/audit.csv?person=…&team=…&ward=…&from=…&to=… → the entries the same filters show on /admin/audit. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "view:audit-log");
  const { filters } = auditFiltersOf(user, new URL(request.url));
  const { entries, truncated } = exportAuditEvents(user, filters);
  return new Response(auditCsv(entries, truncated), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="kent-audit-log-${ukDate(new Date())}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
