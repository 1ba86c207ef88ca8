import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { endSession } from "~/lib/auth.server";
import { assertSameOrigin } from "~/lib/request.server";

// Signing out changes state, so it is a POST; a GET (a link, a prefetch) does nothing.
export async function loader() {
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request);
  return redirect("/", { headers: { "Set-Cookie": await endSession(request) } });
}
