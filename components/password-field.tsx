"use client";
import { useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { Field, inputClass } from "./form";
import { useTRPC } from "@/lib/trpc/client";
import { useT } from "@/lib/i18n/client";

const MIN_LENGTH = 10;

/**
 * A new-password input with a strength hint. The hint is the server's verdict (account.checkPassword, the
 * same policy that decides on submit), asked when the field loses focus: zxcvbn's dictionaries are about a
 * megabyte that every sign-up visitor would otherwise download. A POST, so the password never sits in a URL.
 * `person` gives the name and email typed so far in the same form (signed in, the server uses the account's).
 */
export function PasswordField({
  id,
  name,
  label,
  errors,
  person,
}: {
  id: string;
  name: string;
  label: string;
  errors?: string[];
  person?: () => { name?: string; email?: string };
}) {
  const { t } = useT();
  const trpc = useTRPC();
  const check = useMutation(trpc.account.checkPassword.mutationOptions());
  const [tooShort, setTooShort] = useState(false);

  function onBlur(e: React.FocusEvent<HTMLInputElement>) {
    const password = e.currentTarget.value;
    check.reset();
    setTooShort(password.length > 0 && password.length < MIN_LENGTH);
    if (password.length >= MIN_LENGTH && password.length <= 200) check.mutate({ password, ...person?.() });
  }

  const verdict = check.data;
  // Errors from submitting win: the hint would only repeat them.
  const hint = errors?.length
    ? null
    : tooShort
      ? { ok: false, lines: [t("err.password.short")] }
      : check.isPending
        ? { ok: true, lines: [t("password.checking")] }
        : verdict
          ? { ok: verdict.ok, lines: verdict.ok ? [t("password.strong")] : verdict.problems }
          : null;

  return (
    <div className="space-y-1">
      <Field id={id} label={label} hint={t("password.hint")} errors={errors}>
        {(a) => (
          <input
            {...a}
            aria-describedby={[a["aria-describedby"], `${id}-strength`].filter(Boolean).join(" ")}
            name={name}
            type="password"
            autoComplete="new-password"
            className={inputClass}
            onBlur={onBlur}
            onChange={() => {
              if (check.data || tooShort) {
                check.reset();
                setTooShort(false);
              }
            }}
          />
        )}
      </Field>
      <p
        id={`${id}-strength`}
        aria-live="polite"
        className={`text-sm ${hint?.ok ? "text-green-900" : "text-amber-900"}`}
        data-testid={`${id}-strength`}
      >
        {hint?.lines.join(" ")}
      </p>
    </div>
  );
}
