"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { useT } from "@/lib/i18n/client";
import { formatDateTime } from "@/lib/i18n";
import { CurrentPasswordField } from "./current-password-field";
import { Field, FormError, fieldErrorsOf, formErrorOf } from "./form";
import { Card, buttonClass, inputClass, secondaryButtonClass } from "./ui";

interface AccountProfileProps {
  name: string;
  email: string;
  pendingEmail: { email: string; expiresAt: number } | null;
}

/**
 * The account page's name and email address. A new address is confirmed by a link sent to it, with the
 * password given again; until the link is opened the account keeps its address.
 */
export function AccountProfile({ name, email, pendingEmail }: AccountProfileProps) {
  const { t, locale } = useT();
  const trpc = useTRPC();
  const router = useRouter();
  const [newName, setNewName] = useState(name);
  const [newEmail, setNewEmail] = useState("");
  const [password, setPassword] = useState("");
  const [sentTo, setSentTo] = useState<string | null>(null);
  const rename = useMutation(trpc.profile.setName.mutationOptions({ onSuccess: () => router.refresh() }));
  const changeEmail = useMutation(
    trpc.profile.requestEmailChange.mutationOptions({
      onSuccess: (_data, input) => {
        setSentTo(input.email);
        setNewEmail("");
        setPassword("");
        router.refresh();
      },
    }),
  );
  const nameErrors = fieldErrorsOf(rename.error);
  const emailErrors = fieldErrorsOf(changeEmail.error);

  return (
    <Card>
      <h2 className="mb-4 text-lg font-semibold text-slate-900">{t("account.profile.title")}</h2>
      <form
        className="mb-6 max-w-md space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          rename.mutate({ name: newName });
        }}
      >
        <Field id="account-name" label={t("account.name")} errors={nameErrors?.name}>
          {(a) => (
            <input
              {...a}
              name="name"
              autoComplete="name"
              value={newName}
              onChange={(e) => setNewName(e.target.value)}
              className={inputClass}
            />
          )}
        </Field>
        <FormError message={formErrorOf(rename.error, t("common.error"))} />
        <div className="flex items-center gap-3">
          <button type="submit" className={secondaryButtonClass} disabled={rename.isPending}>
            {t("account.name.save")}
          </button>
          {rename.isSuccess && (
            <p role="status" className="text-sm text-green-900">
              {t("account.name.saved")}
            </p>
          )}
        </div>
      </form>

      <form
        className="max-w-md space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          changeEmail.mutate({ email: newEmail, password });
        }}
      >
        <p className="text-sm text-slate-800">{t("account.email.current", { email })}</p>
        {pendingEmail && (
          <p className="text-sm text-slate-700" data-testid="pending-email">
            {t("account.email.pending", { email: pendingEmail.email, date: formatDateTime(locale, pendingEmail.expiresAt) })}
          </p>
        )}
        <Field id="account-new-email" label={t("account.email.new")} hint={t("account.email.hint")} errors={emailErrors?.email}>
          {(a) => (
            <input
              {...a}
              type="email"
              name="email"
              autoComplete="email"
              required
              value={newEmail}
              onChange={(e) => setNewEmail(e.target.value)}
              className={inputClass}
            />
          )}
        </Field>
        <CurrentPasswordField
          id="account-email-password"
          label={t("account.email.password")}
          hint={t("account.email.passwordHint")}
          errors={emailErrors?.password}
          value={password}
          onChange={setPassword}
        />
        <FormError message={formErrorOf(changeEmail.error, t("common.error"))} />
        <button type="submit" className={buttonClass} disabled={changeEmail.isPending}>
          {t("account.email.submit")}
        </button>
        {sentTo && changeEmail.isSuccess && (
          <p role="status" className="text-sm text-green-900">
            {t("account.email.sent", { email: sentTo })}
          </p>
        )}
      </form>
    </Card>
  );
}
