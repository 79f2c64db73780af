"use client";
import type { ReactNode } from "react";
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
