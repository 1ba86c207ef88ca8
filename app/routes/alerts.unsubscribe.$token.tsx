import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { unsubscribeAll } from "~/models/follow.server";

// RFC 8058 one-click unsubscribe. Mail apps POST "List-Unsubscribe=One-Click" here from
// their own servers: no cookie, no page, no confirmation. server.js lets this one
// address through its cross-site check (app/lib/request.server.ts says why).
const text = (body: string, status: number) => new Response(body, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });

export async function action({ request, params }: ActionFunctionArgs) {
  if (request.method !== "POST") return text("Use POST.", 405);
  if (Number(request.headers.get("content-length") ?? "0") > 4096) return text("Too large.", 413);
  const type = request.headers.get("content-type") ?? "";
  let value: string | null = null;
  if (type.startsWith("application/x-www-form-urlencoded")) value = new URLSearchParams((await request.text()).slice(0, 4096)).get("List-Unsubscribe");
  else if (type.startsWith("multipart/form-data")) value = String((await request.formData()).get("List-Unsubscribe") ?? "");
  if (value !== "One-Click") return text("Send List-Unsubscribe=One-Click.", 400);
  if (!unsubscribeAll(params.token ?? "")) return text("This unsubscribe link does not work.", 404);
  return text("You have been unsubscribed. You will get no more alerts.", 200);
}

// A person who opens the link in a browser gets the manage page, where they can choose.
export async function loader({ params }: LoaderFunctionArgs) {
  return redirect(`/alerts/manage/${encodeURIComponent(params.token ?? "")}`);
}
