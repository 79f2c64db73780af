"use client";
import { Field, inputClass } from "./form";

/**
 * The account's current password, asked again before a sensitive change (a second factor, a passkey, the email
 * address, deleting the account). Controlled, so the form can keep its button disabled until something is typed.
 */
export function CurrentPasswordField({
  id,
  label,
  hint,
  errors,
  value,
  onChange,
  required = false,
}: {
  id: string;
  label: string;
  hint?: string;
  errors?: string[];
  value: string;
  onChange: (value: string) => void;
  /** False where a code may stand in for the password. */
  required?: boolean;
}) {
  return (
    <Field id={id} label={label} hint={hint} errors={errors}>
      {(a) => (
        <input
          {...a}
          name="password"
          type="password"
          autoComplete="current-password"
          required={required}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          className={inputClass}
        />
      )}
    </Field>
  );
}
