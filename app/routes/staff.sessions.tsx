import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { endSessionsOf, listSessionsOf, MAX_SESSIONS_PER_ACCOUNT } from "~/lib/auth.server";
import { formatSavedAt } from "~/lib/format";
import { requirePermission } from "~/lib/permissions.server";
import { readForm } from "~/lib/request.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "view:staff-area");
  return json({ sessions: listSessionsOf(request, user.id), cap: MAX_SESSIONS_PER_ACCOUNT });
}

const schema = z.discriminatedUnion("_intent", [
  z.object({ _intent: z.literal("one"), session: z.string().regex(/^[0-9a-f]{24}$/) }),
  z.object({ _intent: z.literal("others") }),
  z.object({ _intent: z.literal("all") }),
]);

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "view:staff-area");
  const parsed = schema.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) throw new Response("Send the form from the page.", { status: 400 });
  const which = parsed.data._intent === "one" ? { handle: parsed.data.session } : parsed.data._intent;
  const result = endSessionsOf(request, user, which);
  if (result.signedOut) return redirect(`/login?signed-out=${which === "all" ? "everywhere" : "here"}`, { headers: { "Set-Cookie": result.cookie! } });
  // A session already ended elsewhere is not an error: the list simply no longer shows it.
  return redirect(`/staff/sessions?done=${result.ended > 0 ? "sessions-ended" : "session-gone"}`);
}

export const meta: MetaFunction = () => [{ title: "Where you are signed in – Kent Neighbourhood Policing" }];

export default function SessionsPage() {
  const { sessions, cap } = useLoaderData<typeof loader>();
  const others = sessions.filter((s) => !s.current);
  return (
    <div className="two-thirds">
      <h1>Where you are signed in</h1>
      <p>
        Each browser you sign in on has its own session. A session ends after 30 minutes without use, 12 hours after signing in, or when you sign out. You can be
        signed in on at most {cap} browsers: signing in on another ends the one you signed in on longest ago.
      </p>
      <p>If you see a browser you do not recognise, sign it out and tell a force administrator.</p>
      <ul className="card-list" data-testid="sessions">
        {sessions.map((s) => (
          <li key={s.handle} className="card card--stacked" data-testid="session">
            <h2>
              {s.device}
              {s.current ? (
                <>
                  {" "}
                  <strong className="tag">This browser</strong>
                </>
              ) : null}
            </h2>
            <dl className="summary-list">
              <div>
                <dt>Signed in</dt>
                <dd>{formatSavedAt(new Date(s.startedAt))}</dd>
              </div>
              <div>
                <dt>Last used</dt>
                <dd>{formatSavedAt(new Date(s.lastUsedAt))}</dd>
              </div>
            </dl>
            <Form method="post">
              <input type="hidden" name="_intent" value="one" />
              <input type="hidden" name="session" value={s.handle} />
              <button type="submit" className="button button--secondary button--flush">
                Sign out {s.current ? "here" : "this browser"}
                <span className="visually-hidden">: {s.device}, last used {formatSavedAt(new Date(s.lastUsedAt))}</span>
              </button>
            </Form>
          </li>
        ))}
      </ul>
      {others.length > 0 ? (
        <Form method="post">
          <input type="hidden" name="_intent" value="others" />
          <button type="submit" className="button">
            Sign out everywhere else
          </button>
        </Form>
      ) : (
        <p data-testid="no-other-sessions">You are not signed in anywhere else.</p>
      )}
      <Form method="post">
        <input type="hidden" name="_intent" value="all" />
        <button type="submit" className="button button--warning">
          Sign out everywhere, including here
        </button>
      </Form>
    </div>
  );
}
