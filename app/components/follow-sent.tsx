import { CONFIRMATION_DAYS } from "~/lib/mail-limits";

/** What every follow request is answered with, known address or not. */
export function FollowSent({ what }: { what: string }) {
  return (
    <div role="status" data-testid="follow-sent">
      <h1>Check your email</h1>
      <p>
        We have sent a link to confirm email alerts for {what}. Click it within {CONFIRMATION_DAYS} days to start them. Nothing will be sent
        until you do.
      </p>
      <p>If nothing arrives within a few minutes, check your spam folder, or make sure you typed your address correctly and try again.</p>
    </div>
  );
}
