import { Form } from "@remix-run/react";
import { Radios, TextInput } from "~/components/form-fields";
import type { FieldError } from "~/lib/vocabulary";
import { errorFor } from "~/lib/forms";

const FREQUENCY_OPTIONS = [
  { value: "daily", label: "As it happens (at most one email a day)" },
  { value: "monthly", label: "A monthly summary" },
];

/**
 * "Follow this ward": posts to the follow page, works without JavaScript. On a page
 * that has another email field (the ward page's residents' say), `idPrefix` keeps the
 * ids apart; errors are shown on the follow page itself, where it needs none.
 */
export function FollowForm({ action, what, errors = [], values = {}, idPrefix = "" }: { action: string; what: string; errors?: FieldError[]; values?: { email?: string; frequency?: string }; idPrefix?: string }) {
  return (
    <Form method="post" action={action} noValidate className="follow-form" aria-label={`Email alerts for ${what}`}>
      <TextInput
        name="email"
        id={`${idPrefix}email`}
        type="email"
        label="Email address"
        hint="We will email you a link to confirm. Nothing is sent until you click it."
        autoComplete="email"
        spellCheck={false}
        value={values.email}
        error={errorFor(errors, "email")}
      />
      <Radios name="frequency" legend="How often?" value={values.frequency ?? "daily"} options={FREQUENCY_OPTIONS} error={errorFor(errors, "frequency")} />
      <button type="submit" className="button">
        Get email alerts
      </button>
    </Form>
  );
}
