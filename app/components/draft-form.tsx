import { Form, useActionData, useLocation, useNavigation } from "@remix-run/react";
import { useEffect, useRef, useState, type ReactNode } from "react";

/**
 * A staff form that keeps what is typed in this browser tab (sessionStorage) until
 * it is saved. If the session runs out mid-form, the person signs in again, comes
 * back here, and finds their text put back. Nothing is sent anywhere; closing the
 * tab forgets it. Without JavaScript the form still works, without the draft.
 */
export function DraftForm({ draftKey, children, submitLabel, className }: { draftKey: string; children: ReactNode; submitLabel?: string; className?: string }) {
  const ref = useRef<HTMLFormElement>(null);
  const navigation = useNavigation();
  const location = useLocation();
  const actionData = useActionData();
  const [restored, setRestored] = useState(false);
  const key = `draft:${draftKey}`;

  useEffect(() => {
    const form = ref.current;
    if (!form || actionData) return;
    let saved: Record<string, string> | null = null;
    try {
      saved = JSON.parse(sessionStorage.getItem(key) ?? "null");
    } catch {
      saved = null;
    }
    if (!saved) return;
    let changed = false;
    for (const [name, value] of Object.entries(saved)) {
      for (const el of Array.from(form.elements)) {
        if (!(el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) || el.name !== name) continue;
        if (el instanceof HTMLInputElement && (el.type === "radio" || el.type === "checkbox")) {
          const checked = el.type === "radio" ? el.value === value : value.split("\u0000").includes(el.value);
          if (el.checked !== checked) changed = true;
          el.checked = checked;
        } else if (el.value !== value) {
          el.value = value;
          changed = true;
          // What follows a field's text (its character count) hears of the change as if typed.
          el.dispatchEvent(new Event("input", { bubbles: true }));
        }
      }
    }
    setRestored(changed);
    // Restoring once, on arrival, is the point.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    // Saved and sent somewhere else: the draft has done its job. Sent to sign in: keep it.
    if (navigation.state === "loading" && navigation.formMethod && navigation.location.pathname !== location.pathname && navigation.location.pathname !== "/login") {
      sessionStorage.removeItem(key);
    }
  }, [navigation, location.pathname, key]);

  function save() {
    const form = ref.current;
    if (!form) return;
    const values: Record<string, string> = {};
    for (const el of Array.from(form.elements)) {
      if (!(el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) || !el.name) continue;
      if (el instanceof HTMLInputElement && (el.type === "hidden" || el.type === "password" || el.type === "submit")) continue;
      if (el instanceof HTMLInputElement && el.type === "radio") {
        if (el.checked) values[el.name] = el.value;
      } else if (el instanceof HTMLInputElement && el.type === "checkbox") {
        const list = values[el.name] ? values[el.name]!.split("\u0000") : [];
        if (el.checked) list.push(el.value);
        values[el.name] = list.join("\u0000");
      } else values[el.name] = el.value;
    }
    try {
      sessionStorage.setItem(key, JSON.stringify(values));
    } catch {
      // Storage full or blocked: the form still works, without the safety net.
    }
  }

  /** What was put back is forgotten, and the form shows what the page first had. */
  function startAgain() {
    const form = ref.current;
    form?.reset();
    for (const el of Array.from(form?.elements ?? [])) if (el instanceof HTMLTextAreaElement || el instanceof HTMLInputElement) el.dispatchEvent(new Event("input", { bubbles: true }));
    // After the events above, which save what the form now holds: forget it.
    sessionStorage.removeItem(key);
    setRestored(false);
  }

  return (
    <Form method="post" ref={ref} noValidate onInput={save} onChange={save} className={className}>
      {restored ? (
        <div className="notice notice--important" role="status" data-testid="draft-restored">
          <p>
            We have put back what you typed earlier in this browser tab (for example, before you were asked to sign in again). Check it, then save, or{" "}
            <button type="button" className="link-button" onClick={startAgain}>
              empty the form and start again
            </button>
            .
          </p>
        </div>
      ) : null}
      {children}
      {submitLabel ? (
        <button type="submit" className="button" disabled={navigation.state === "submitting"}>
          {submitLabel}
        </button>
      ) : null}
    </Form>
  );
}
