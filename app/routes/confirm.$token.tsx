import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { CONFIRMATION_DAYS } from "~/lib/mail-limits";
import { assertSameOrigin } from "~/lib/request.server";
import { confirm, describeConfirmationLink } from "~/models/confirmation-purposes.server";

// The link in the email opens a page with a button rather than confirming at once:
// mail scanners open links to check them, and must not confirm on a resident's behalf.
export async function loader({ params }: LoaderFunctionArgs) {
  const link = describeConfirmationLink(params.token ?? "");
  return json(link, { status: link.state === "valid" ? 200 : link.state === "unknown" ? 404 : 410, headers: { "Cache-Control": "no-store" } });
}

export async function action({ request, params }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const result = confirm(params.token ?? "");
  if (!result.ok) return json({ ok: false as const, state: result.state }, { status: result.state === "unknown" ? 404 : 410 });
  return json({ ok: true as const, page: result.page, manageUrl: new URL(result.manageUrl).pathname });
}

// The tab says what the page says: the confirmation asked for, or what is wrong with the link.
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${(data?.state === "valid" && data.description?.heading) || PROBLEMS[data && data.state !== "valid" ? data.state : "unknown"].heading} – Kent Neighbourhood Policing` },
  { name: "robots", content: "noindex" },
];

const PROBLEMS = {
  used: { heading: "This link has already been used", body: "What it was sent for has already been done, so there is nothing more to do. Every email we send has a link to manage your alerts." },
  expired: { heading: "This link has expired", body: `Confirmation links work for ${CONFIRMATION_DAYS} days. Ask for alerts again from your ward's page and we will send a new one.` },
  unknown: { heading: "This link does not work", body: "It may have been copied wrongly, or the alerts it was for have been removed. Ask for alerts again from your ward's page." },
} as const;

export default function ConfirmPage() {
  const link = useLoaderData<typeof loader>();
  const done = useActionData<typeof action>();
  if (done?.ok) {
    return (
      <div className="two-thirds" data-testid="confirmed">
        <h1>{done.page.heading}</h1>
        {done.page.paragraphs.map((p) => (
          <p key={p}>{p}</p>
        ))}
        <ul className="list">
          {(done.page.links ?? []).map((l) => (
            <li key={l.href}>
              <Link to={l.href}>{l.label}</Link>
            </li>
          ))}
          <li>
            <Link to={done.manageUrl}>Manage your alerts</Link>
          </li>
        </ul>
      </div>
    );
  }
  const state = done && !done.ok ? done.state : link.state;
  if (state !== "valid" || !link.description) {
    const problem = PROBLEMS[state === "valid" ? "unknown" : state];
    return (
      <div className="two-thirds" data-testid="confirm-problem">
        <h1>{problem.heading}</h1>
        <p>{problem.body}</p>
        <p>
          <Link to="/">Find your ward</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="two-thirds">
      <h1>{link.description.heading}</h1>
      {link.description.paragraphs.map((p) => (
        <p key={p}>{p}</p>
      ))}
      <Form method="post">
        <button type="submit" className="button">
          {link.description.button}
        </button>
      </Form>
      <p>
        If you did not ask for this, close this page: nothing will happen.
      </p>
    </div>
  );
}
