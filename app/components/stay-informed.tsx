import { Link } from "@remix-run/react";
import { FollowForm } from "./follow-form";

/** Atom autodiscovery, for a route's meta: feed readers find the feed from the page's address. */
export function feedLink(href: string, title: string) {
  return { tagName: "link", rel: "alternate", type: "application/atom+xml", href, title } as const;
}

/**
 * "Stay informed" on ward and team pages: the follow form, the calendar to subscribe to
 * and the news feed. `base` is the page's own path (/wards/E05… or /teams/slug).
 */
export function StayInformed({ base, what, followLabel, webcal, feed }: { base: string; what: string; followLabel: string; webcal: string; feed?: boolean }) {
  return (
    <section aria-labelledby="stay-informed-title" className="stay-informed">
      <h2 id="stay-informed-title">{followLabel}</h2>
      <p>Get an email when the team publishes its monthly update, closes a priority, agrees new priorities or changes a surgery or meeting.</p>
      <FollowForm action={`${base}/follow`} what={what} idPrefix="follow-" />
      <p className="small">
        <Link to="/privacy">How we use your email address</Link>
      </p>
      <h3>Calendar{feed ? " and news feed" : ""}</h3>
      <ul className="list">
        <li>
          <a href={webcal}>Subscribe in your calendar</a> (surgeries and meetings for {what}, kept up to date) or{" "}
          <a href={`${base}/events.ics`}>download the calendar file</a>
        </li>
        {feed ? (
          <li>
            <a href={`${base}/updates.atom`}>News feed (Atom)</a> of monthly updates, closed priorities and PACT meetings
          </li>
        ) : null}
      </ul>
    </section>
  );
}
