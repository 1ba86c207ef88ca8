// GOV.UK Design System form patterns: label, hint, error message, then the field;
// a field in error keeps what was typed.
import { useState, type ReactNode } from "react";

interface FieldBase {
  name: string;
  /** The control's id, when the same field name appears twice on one page; the name otherwise. */
  id?: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
}

function describedBy(name: string, hint: unknown, error: unknown) {
  return [hint ? `${name}-hint` : null, error ? `${name}-error` : null].filter(Boolean).join(" ") || undefined;
}

function ErrorMessage({ id, error }: { id: string; error?: string }) {
  if (!error) return null;
  return (
    <p id={id} className="error-message">
      <span className="visually-hidden">Error:</span> {error}
    </p>
  );
}

/** The label, hint and error message every single-control field has, around the control. */
function LabelledField({ name, id = name, label, hint, error, children }: FieldBase & { children: ReactNode }) {
  return (
    <div className={`form-group${error ? " form-group--error" : ""}`}>
      <label className="label" htmlFor={id}>
        {label}
      </label>
      {hint ? (
        <div id={`${id}-hint`} className="hint">
          {hint}
        </div>
      ) : null}
      <ErrorMessage id={`${id}-error`} error={error} />
      {children}
    </div>
  );
}

export function TextInput({
  name,
  id = name,
  label,
  hint,
  error,
  value,
  type = "text",
  autoComplete,
  width,
  spellCheck,
  maxLength,
}: FieldBase & { value?: string; type?: "text" | "email" | "password" | "date"; autoComplete?: string; width?: "short" | "medium"; spellCheck?: boolean; maxLength?: number }) {
  return (
    <LabelledField name={name} id={id} label={label} hint={hint} error={error}>
      <input
        className={`input${width ? ` input--${width}` : ""}${error ? " input--error" : ""}`}
        id={id}
        name={name}
        type={type}
        // A password is never put back into the page; no defaultValue at all, so hydration leaves what is being typed alone.
        {...(type === "password" ? {} : { defaultValue: value })}
        autoComplete={autoComplete}
        spellCheck={spellCheck}
        maxLength={maxLength}
        aria-describedby={describedBy(id, hint, error)}
        aria-invalid={error ? true : undefined}
      />
    </LabelledField>
  );
}

export function TextArea({ name, label, hint, error, value, rows = 5, maxLength }: FieldBase & { value?: string; rows?: number; maxLength?: number }) {
  const [length, setLength] = useState(value?.length ?? 0);
  const counted = maxLength !== undefined;
  return (
    <LabelledField name={name} label={label} hint={hint} error={error}>
      <textarea
        className={`textarea${error ? " input--error" : ""}`}
        id={name}
        name={name}
        rows={rows}
        defaultValue={value}
        maxLength={maxLength}
        onInput={counted ? (e) => setLength(e.currentTarget.value.length) : undefined}
        aria-describedby={[describedBy(name, hint, error), counted ? `${name}-count` : null].filter(Boolean).join(" ") || undefined}
        aria-invalid={error ? true : undefined}
      />
      {counted ? <CharacterCount id={`${name}-count`} length={length} max={maxLength} /> : null}
    </LabelledField>
  );
}

/** GOV.UK character count: how many characters are left, announced politely as they change. */
function CharacterCount({ id, length, max }: { id: string; length: number; max: number }) {
  const left = max - length;
  return (
    <div id={id} className={`hint character-count${left < 0 ? " character-count--over" : ""}`} aria-live="polite" data-testid="character-count">
      {left >= 0 ? `You have ${left} character${left === 1 ? "" : "s"} remaining` : `You have ${-left} character${left === -1 ? "" : "s"} too many`}
    </div>
  );
}

export function Select({ name, label, hint, error, value, options }: FieldBase & { value?: string; options: readonly { value: string; label: string }[] }) {
  return (
    <LabelledField name={name} label={label} hint={hint} error={error}>
      <select
        className={`select${error ? " input--error" : ""}`}
        id={name}
        name={name}
        defaultValue={value}
        aria-describedby={describedBy(name, hint, error)}
        aria-invalid={error ? true : undefined}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </LabelledField>
  );
}

export interface ChoiceOption {
  value: string;
  label: ReactNode;
  hint?: ReactNode;
  /** Shown under the option when it is chosen (and always without CSS :has support). */
  conditional?: ReactNode;
}

function Fieldset({ name, legend, hint, error, children, large }: { name: string; legend: ReactNode; hint?: ReactNode; error?: string; children: ReactNode; large?: boolean }) {
  return (
    <div className={`form-group${error ? " form-group--error" : ""}`}>
      <fieldset className="fieldset" aria-describedby={describedBy(name, hint, error)}>
        <legend className={`fieldset__legend${large ? " fieldset__legend--m" : ""}`}>{legend}</legend>
        {hint ? (
          <div id={`${name}-hint`} className="hint">
            {hint}
          </div>
        ) : null}
        <ErrorMessage id={`${name}-error`} error={error} />
        {children}
      </fieldset>
    </div>
  );
}

export function Radios({
  name,
  legend,
  hint,
  error,
  value,
  options,
  large,
}: { name: string; legend: ReactNode; hint?: ReactNode; error?: string; value?: string; options: ChoiceOption[]; large?: boolean }) {
  return (
    <Fieldset name={name} legend={legend} hint={hint} error={error} large={large}>
      <div className="radios">
        {options.map((o, i) => {
          const id = i === 0 ? name : `${name}-${i + 1}`;
          return (
            <div key={o.value} className="radios__item">
              <input className="radios__input" id={id} name={name} type="radio" value={o.value} defaultChecked={value === o.value} />
              <label className="radios__label" htmlFor={id}>
                {o.label}
              </label>
              {o.hint ? <div className="hint radios__hint">{o.hint}</div> : null}
              {o.conditional ? <div className="radios__conditional">{o.conditional}</div> : null}
            </div>
          );
        })}
      </div>
    </Fieldset>
  );
}

export function Checkboxes({
  name,
  legend,
  hint,
  error,
  values = [],
  options,
}: {
  name: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string;
  values?: string[];
  options: ChoiceOption[];
}) {
  return (
    <Fieldset name={name} legend={legend} hint={hint} error={error}>
      <div className="checkboxes">
        {options.map((o, i) => {
          const id = i === 0 ? name : `${name}-${i + 1}`;
          return (
            <div key={o.value} className="checkboxes__item">
              <input className="checkboxes__input" id={id} name={name} type="checkbox" value={o.value} defaultChecked={values.includes(o.value)} />
              <label className="checkboxes__label" htmlFor={id}>
                {o.label}
              </label>
              {o.hint ? <div className="hint checkboxes__hint">{o.hint}</div> : null}
            </div>
          );
        })}
      </div>
    </Fieldset>
  );
}

export function DateInput({
  name,
  legend,
  hint = "For example, 27 3 2026",
  error,
  value,
}: {
  name: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string;
  value: { day: string; month: string; year: string };
}) {
  const part = (key: "day" | "month" | "year", label: string, width: string) => (
    <div className="date-input__item">
      <label className="label date-input__label" htmlFor={`${name}-${key}`}>
        {label}
      </label>
      <input
        className={`input input--${width}${error ? " input--error" : ""}`}
        id={`${name}-${key}`}
        name={`${name}-${key}`}
        type="text"
        inputMode="numeric"
        defaultValue={value[key]}
        aria-invalid={error ? true : undefined}
      />
    </div>
  );
  return (
    <Fieldset name={`${name}-day`} legend={legend} hint={hint} error={error}>
      <div className="date-input">
        {part("day", "Day", "2")}
        {part("month", "Month", "2")}
        {part("year", "Year", "4")}
      </div>
    </Fieldset>
  );
}

export function NotificationBanner({ title = "Success", children }: { title?: string; children: ReactNode }) {
  return (
    <div className="notification-banner notification-banner--success" role="alert" aria-labelledby="notification-banner-title" data-testid="notification">
      <div className="notification-banner__header">
        <h2 className="notification-banner__title" id="notification-banner-title">
          {title}
        </h2>
      </div>
      <div className="notification-banner__content">{children}</div>
    </div>
  );
}
