"use client";
import { useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { useT } from "@/lib/i18n/client";
import { formatDate } from "@/lib/i18n";
import { PasskeyError, createPasskey } from "@/lib/passkey";
import { ConfirmDelete } from "./confirm-delete";
import { CurrentPasswordField } from "./current-password-field";
import { Field, FormError, fieldErrorsOf, formErrorOf } from "./form";
import { buttonClass, inputClass, secondaryButtonClass } from "./ui";

interface Passkey {
  id: number;
  name: string;
  createdAt: number;
  lastUsedAt: number | null;
}

/**
 * The person's passkeys, inside the two-factor section: add one (the password first, then the browser makes
 * it) or remove one. `onChange` runs after either, so the section reads its state again.
 */
export function PasskeySettings({ passkeys, onChange }: { passkeys: Passkey[]; onChange: () => Promise<unknown> }) {
  const { t, locale } = useT();
  const trpc = useTRPC();
  const start = useMutation(trpc.twoFactor.passkeyRegistration.mutationOptions());
  const add = useMutation(trpc.twoFactor.addPasskey.mutationOptions());
  const remove = useMutation(trpc.twoFactor.removePasskey.mutationOptions());
  const [password, setPassword] = useState("");
  const [name, setName] = useState("");
  const [browserError, setBrowserError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const failure = start.error ?? add.error ?? remove.error;

  async function addOne() {
    setBusy(true);
    setBrowserError(null);
    start.reset();
    add.reset();
    remove.reset();
    try {
      const options = await start.mutateAsync({ password });
      const response = await createPasskey(options);
      await add.mutateAsync({ name: name.trim() || t("twoFactor.passkeys.defaultName"), response });
      setName("");
      setPassword("");
      await onChange();
    } catch (err) {
      if (err instanceof PasskeyError) setBrowserError(t(err.messageKey));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="mt-6 border-t border-slate-200 pt-4" data-testid="passkeys">
      <h3 className="font-semibold text-slate-900">{t("twoFactor.passkeys.title")}</h3>
      <p className="mt-1 max-w-2xl text-sm text-slate-700">{t("twoFactor.passkeys.lead")}</p>
      {passkeys.length === 0 ? (
        <p className="mt-3 text-sm text-slate-700">{t("twoFactor.passkeys.none")}</p>
      ) : (
        <ul className="mt-3 divide-y divide-slate-200 rounded-md border border-slate-200">
          {passkeys.map((p) => (
            <li key={p.id} className="flex flex-wrap items-center justify-between gap-3 px-3 py-2 text-sm">
              <span>
                <span className="font-medium text-slate-900">{p.name}</span>{" "}
                <span className="text-slate-700">
                  {t("twoFactor.passkeys.added", { date: formatDate(locale, p.createdAt) })}
                  {p.lastUsedAt ? `, ${t("twoFactor.passkeys.used", { date: formatDate(locale, p.lastUsedAt) })}` : ""}
                </span>
              </span>
              <ConfirmDelete
                label={t("twoFactor.passkeys.remove")}
                ariaLabel={t("twoFactor.passkeys.removeLabel", { name: p.name })}
                title={t("twoFactor.passkeys.removeTitle", { name: p.name })}
                description={t("twoFactor.passkeys.removeBody")}
                disabled={!password}
                onConfirm={async () => {
                  await remove.mutateAsync({ id: p.id, password });
                  setPassword("");
                  await onChange();
                }}
              />
            </li>
          ))}
        </ul>
      )}
      <form
        className="mt-4 max-w-md space-y-4"
        onSubmit={(e) => {
          e.preventDefault();
          void addOne();
        }}
      >
        <FormError message={browserError ?? formErrorOf(failure, t("err.internal"))} />
        <CurrentPasswordField
          id="passkey-password"
          label={t("twoFactor.passkeys.proof")}
          errors={fieldErrorsOf(failure)?.password ?? fieldErrorsOf(failure)?.code}
          value={password}
          onChange={setPassword}
        />
        <Field
          id="passkey-name"
          label={t("twoFactor.passkeys.name")}
          hint={t("twoFactor.passkeys.nameHint")}
          errors={fieldErrorsOf(failure)?.name}
        >
          {(a) => (
            <input {...a} name="name" maxLength={100} value={name} onChange={(e) => setName(e.target.value)} className={inputClass} />
          )}
        </Field>
        <button type="submit" className={passkeys.length ? secondaryButtonClass : buttonClass} disabled={busy || !password}>
          {busy ? t("common.loading") : t("twoFactor.passkeys.add")}
        </button>
      </form>
    </div>
  );
}
