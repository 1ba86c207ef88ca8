import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { NotificationBanner, Radios } from "~/components/form-fields";
import { choice, positiveId } from "~/lib/forms";
import { assertSameOrigin, readForm } from "~/lib/request.server";
import { FOLLOW_FREQUENCIES, GSS_CODE } from "~/lib/vocabulary";
import { findAddressByManageToken } from "~/models/confirmation.server";
import { applyManageChange, FREQUENCY_LABELS, listFollows, type ManageChange } from "~/models/follow.server";
import { ManageResponses } from "~/components/ward-voices";
import { deleteResponsesByManageToken, listResponsesByManageToken } from "~/models/response-confirmation.server";

const change = z.discriminatedUnion("_intent", [
  z.object({ _intent: z.literal("frequency"), frequency: choice(FOLLOW_FREQUENCIES, "Choose how often") }),
  z.object({ _intent: z.literal("unfollow"), followId: positiveId }),
  z.object({ _intent: z.literal("follow-successor"), followId: positiveId, wardCode: z.string().regex(GSS_CODE) }),
  z.object({ _intent: z.literal("unfollow-all") }),
  z.object({ _intent: z.literal("delete") }),
  z.object({ _intent: z.literal("delete-responses") }),
]);

const DONE = {
  frequency: "How often you hear from us has been changed.",
  unfollow: "You will no longer get emails about that ward.",
  "follow-successor": "You now follow the new ward.",
  "unfollow-all": "You will no longer get any alerts. Your address is kept only so this page still works; delete it below if you want.",
  "delete-responses": "Your responses have been deleted and no longer count.",
} as const;

export async function loader({ params }: LoaderFunctionArgs) {
  const address = findAddressByManageToken(params.token ?? "");
  if (!address) throw new Response("Unknown link", { status: 404 });
  return json({ email: address.email, follows: listFollows(address.id), responses: listResponsesByManageToken(params.token ?? "") ?? [] }, { headers: { "Cache-Control": "no-store" } });
}

export async function action({ request, params }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const form = await readForm(request);
  const parsed = change.safeParse(Object.fromEntries(form));
  if (!parsed.success) throw new Response("Choose one of the buttons on the page", { status: 400 });
  if (parsed.data._intent === "delete-responses") {
    if (deleteResponsesByManageToken(params.token ?? "") === null) throw new Response("Unknown link", { status: 404 });
    return redirect(`/alerts/manage/${params.token}?done=delete-responses`, 303);
  }
  const c: ManageChange =
    parsed.data._intent === "frequency"
      ? { action: "frequency", frequency: parsed.data.frequency }
      : parsed.data._intent === "unfollow"
        ? { action: "unfollow", followId: parsed.data.followId }
        : parsed.data._intent === "follow-successor"
          ? { action: "follow-successor", followId: parsed.data.followId, wardCode: parsed.data.wardCode }
          : { action: parsed.data._intent };
  const token = params.token ?? "";
  const result = applyManageChange(token, c);
  if (!result) throw new Response("Unknown link", { status: 404 });
  if (c.action === "delete") return redirect("/alerts/deleted", 303);
  return redirect(`/alerts/manage/${token}?done=${c.action}`, 303);
}

export const meta: MetaFunction = () => [{ title: "Manage your email alerts – Kent Neighbourhood Policing" }, { name: "robots", content: "noindex" }];

export default function ManageAlerts() {
  const { email, follows, responses } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const done = DONE[params.get("done") as keyof typeof DONE];
  const frequency = follows[0]?.frequency ?? "daily";
  return (
    <div className="two-thirds">
      {done ? <NotificationBanner>{done}</NotificationBanner> : null}
      <h1>Manage your email alerts</h1>
      <p>
        For <strong>{email}</strong>.
      </p>

      <h2>Wards you follow</h2>
      {follows.length === 0 ? (
        <p data-testid="no-follows">You do not follow any wards. To get alerts, find your ward and choose "Get email alerts".</p>
      ) : (
        <ul className="list" data-testid="follows">
          {follows.map((f) => (
            <li key={f.id}>
              <Form method="post" className="inline-form">
                <input type="hidden" name="followId" value={f.id} />
                {f.wardName ? <Link to={`/wards/${f.wardCode}`}>{f.wardName}</Link> : <span>{f.wardCode} (no longer a ward)</span>} ({FREQUENCY_LABELS[f.frequency].toLowerCase()}){" "}
                <button type="submit" name="_intent" value="unfollow" className="link-button">
                  Stop alerts for {f.wardName ?? f.wardCode}
                </button>
              </Form>
              {f.successors.length ? (
                <div className="boundary-offer" data-testid="successor-offer">
                  <p>New ward boundaries have replaced this ward. Follow the new wards that cover it:</p>
                  {f.successors.map((s) => (
                    <Form method="post" key={s.code} className="inline-form">
                      <input type="hidden" name="followId" value={f.id} />
                      <input type="hidden" name="wardCode" value={s.code} />
                      <button type="submit" name="_intent" value="follow-successor" className="button button--secondary">
                        Follow {s.name}
                      </button>
                    </Form>
                  ))}
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      )}

      {follows.length > 0 ? (
        <>
          <Form method="post">
            <Radios name="frequency" legend="How often" large value={frequency} options={FOLLOW_FREQUENCIES.map((v) => ({ value: v, label: FREQUENCY_LABELS[v] }))} />
            <button type="submit" name="_intent" value="frequency" className="button">
              Save how often
            </button>
          </Form>
          <Form method="post">
            <h2>Stop all alerts</h2>
            <button type="submit" name="_intent" value="unfollow-all" className="button button--secondary">
              Stop all alerts
            </button>
          </Form>
        </>
      ) : null}

      <ManageResponses responses={responses} />

      <Form method="post">
        <h2>Delete everything</h2>
        <p>This deletes your email address, the wards you follow, your responses and any emails waiting to be sent to you. It cannot be undone.</p>
        <button type="submit" name="_intent" value="delete" className="button button--warning">
          Delete my email address and alerts
        </button>
      </Form>
      <p>
        <Link to="/privacy">What we hold and why</Link>
      </p>
    </div>
  );
}

export function ErrorBoundary() {
  return (
    <div className="two-thirds">
      <h1>This link does not work</h1>
      <p>It may have been copied wrongly, or the address it was for has been deleted. Every email we send has a working link at the bottom.</p>
      <p>
        <Link to="/">Find your ward</Link>
      </p>
    </div>
  );
}
