"use client";
import { useEffect, useMemo, useState, type FormEvent, type ReactNode, type RefObject } from "react";
import { inputClass } from "./ui";

type FieldErrors = Record<string, string[] | undefined> | null | undefined;

/** Field errors from a failed tRPC mutation (zod issues or a domain error naming a field). */
export function fieldErrorsOf(error: unknown): FieldErrors {
  const data = (error as { data?: { fieldErrors?: FieldErrors } } | null)?.data;
  return data?.fieldErrors ?? null;
}

/** A sentence for the form as a whole, when the error is not about one field. */
export function formErrorOf(error: unknown, fallback: string): string | null {
  if (!error) return null;
  const fields = fieldErrorsOf(error);
  if (fields && Object.keys(fields).some((k) => k !== "_form")) return null;
  return (error as { message?: string }).message || fallback;
}

const NONE: ReadonlySet<string> = new Set();
type Control = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

/**
 * The errors to show for a form whose mutation failed: an error goes away as soon as its field becomes valid
 * (by the field's own constraints, `required`, `minLength`, `maxLength`, `type`, `pattern`, or by `checks`) and
 * comes back if it turns invalid again; a new failure shows its errors afresh and moves focus to the first
 * field that has one, so a screen reader reads it together with its message.
 * Spread `onInput` on the <form> (input events bubble) and pass `errors[name]` to each Field.
 */
export function useLiveFieldErrors(
  source: FieldErrors,
  opts: { form?: RefObject<HTMLFormElement | null>; checks?: Record<string, (value: string) => boolean> } = {},
): { errors: Record<string, string[] | undefined>; onInput: (e: FormEvent<HTMLFormElement>) => void } {
  // The fields made valid since `source` arrived: a new failure starts again from its own errors.
  const [cleared, setCleared] = useState<{ of: FieldErrors; names: ReadonlySet<string> }>({ of: null, names: NONE });
  const valid = cleared.of === source ? cleared.names : NONE;
  const { form, checks } = opts;
  useEffect(() => {
    const first = source && Object.keys(source).find((k) => k !== "_form" && source[k]?.length);
    if (!first || !form?.current) return;
    const el = form.current.elements.namedItem(first);
    if (el instanceof HTMLElement) el.focus();
  }, [source, form]);
  const errors = useMemo(
    () => Object.fromEntries(Object.entries(source ?? {}).filter(([k]) => !valid.has(k))) as Record<string, string[] | undefined>,
    [source, valid],
  );
  function onInput(e: FormEvent<HTMLFormElement>) {
    const el = e.target as Control;
    if (!el.name || !source?.[el.name]?.length) return;
    const ok = checks?.[el.name] ? checks[el.name](el.value) : el.checkValidity();
    if (ok === valid.has(el.name)) return;
    const names = new Set(valid);
    if (ok) names.add(el.name);
    else names.delete(el.name);
    setCleared({ of: source, names });
  }
  return { errors, onInput };
}

interface FieldProps {
  id: string;
  label: string;
  hint?: string;
  errors?: string[];
  children: (aria: { id: string; "aria-invalid": boolean; "aria-describedby"?: string }) => ReactNode;
}

export function Field({ id, label, hint, errors, children }: FieldProps) {
  const described = [hint ? `${id}-hint` : null, errors?.length ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-semibold text-slate-800">
        {label}
      </label>
      {children({ id, "aria-invalid": !!errors?.length, "aria-describedby": described })}
      {hint && (
        <p id={`${id}-hint`} className="text-xs text-slate-600">
          {hint}
        </p>
      )}
      {/* role="alert": read out as it appears; the field also names it in aria-describedby and says aria-invalid. */}
      {errors?.length ? (
        <p id={`${id}-error`} className="text-sm font-medium text-red-800" role="alert">
          {errors.join(" ")}
        </p>
      ) : null}
    </div>
  );
}

export function FormError({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p role="alert" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900">
      {message}
    </p>
  );
}

export { inputClass };
