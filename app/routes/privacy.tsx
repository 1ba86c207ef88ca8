import type { MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { ResponsesPrivacy } from "~/components/ward-voices";
import { CONFIRMATION_DAYS, CONFIRMATIONS_PER_ADDRESS_PER_DAY, SENT_MAIL_RETENTION_DAYS, UNCONFIRMED_RETENTION_DAYS } from "~/lib/mail-limits";

export const meta: MetaFunction = () => [
  { title: "Privacy: email alerts – Kent Neighbourhood Policing" },
  { name: "description", content: "What we hold when you sign up for email alerts, why, for how long, and how to delete it." },
];

export default function Privacy() {
  return (
    <div className="two-thirds">
      <h1>Privacy: email alerts</h1>
      <p className="lead">You do not need to give us anything to use this service. This page is about the email alerts you can choose to get for a ward.</p>

      <h2>What we hold</h2>
      <ul className="list">
        <li>your email address, and when you confirmed it;</li>
        <li>the wards you follow, and how often you want to hear about them;</li>
        <li>the emails waiting to be sent to you, and those sent in the last {SENT_MAIL_RETENTION_DAYS} days;</li>
        <li>
          for each confirmation link we send: when it was sent and used, and a one-way hash of the internet address it was asked for from (to stop the
          form being used to flood someone's inbox). We do not keep the internet address itself.
        </li>
      </ul>
      <p>We do not hold your name, postcode or location, and we do not use tracking pixels or tracked links in emails.</p>

      <h2>Why</h2>
      <p>
        Only to send you the alerts you asked for: your neighbourhood team's monthly updates, closed and new PACT priorities, and surgeries and meetings
        added, moved or cancelled; and to tell you if ward boundaries change. Your address is not shared with anyone, including the neighbourhood team,
        and is never used for anything else. The lawful basis is your consent, which you can withdraw at any time.
      </p>

      <h2>How long</h2>
      <ul className="list">
        <li>
          Nothing is sent until you click the link in our first email. Links work for {CONFIRMATION_DAYS} days. If you never click, your address is
          deleted after {UNCONFIRMED_RETENTION_DAYS} days.
        </li>
        <li>We send at most {CONFIRMATIONS_PER_ADDRESS_PER_DAY} confirmation emails to one address a day, whoever asks.</li>
        <li>Once confirmed, we keep your address until you unsubscribe and delete it, or delete it from the link in any email.</li>
        <li>Sent emails are deleted after {SENT_MAIL_RETENTION_DAYS} days.</li>
      </ul>

      <ResponsesPrivacy />

      <h2>How to stop or delete</h2>
      <p>
        Every email has a link at the bottom to your alerts page, where you can change how often you hear from us, stop alerts for one ward or all of
        them, or delete everything we hold about you at once. Most mail apps also show an "Unsubscribe" button for our emails: it stops every alert in
        one click.
      </p>

      <h2>Sample data</h2>
      <p>
        This service is a demonstration with invented neighbourhood data (<Link to="/about-data">about the data</Link>). The alerts it sends describe
        that sample data, and say so.
      </p>

      <h2>Contact</h2>
      <p>
        For anything about your data, contact Kent Police's Data Protection Officer through <a href="https://www.kent.police.uk/">the force's website</a>. You can also complain to the{" "}
        <a href="https://ico.org.uk/make-a-complaint/">Information Commissioner's Office</a>.
      </p>
    </div>
  );
}
