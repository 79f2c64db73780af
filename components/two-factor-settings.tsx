"use client";
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { useT } from "@/lib/i18n/client";
import { formatDate } from "@/lib/i18n";
import { CurrentPasswordField } from "./current-password-field";
import { Field, FormError, fieldErrorsOf, formErrorOf } from "./form";
import { Card, buttonClass, inputClass, secondaryButtonClass } from "./ui";
import { PasskeySettings } from "./passkey-settings";

/** The base32 key in groups of four, as authenticator apps show it (spaces are ignored when typed). */
const grouped = (secret: string) => secret.match(/.{1,4}/g)?.join(" ") ?? secret;

/**
 * The signed-in person's two-factor authentication, self-contained (it reads and changes its own state through
 * twoFactor.*): set it up (QR code and key, confirmed by a first code), see the recovery codes once, replace
 * them, turn it off; and passkeys (components/passkey-settings.tsx). Works before a required enrolment is done, as the procedures it calls do.
 * `onEnabled` runs once it is on and the recovery codes have been acknowledged.
 */
export function TwoFactorSettings({ onEnabled }: { onEnabled?: () => void }) {
  const { t, locale } = useT();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const status = useQuery(trpc.twoFactor.status.queryOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.twoFactor.status.queryKey() });

  const begin = useMutation(trpc.twoFactor.begin.mutationOptions());
  const confirm = useMutation(trpc.twoFactor.confirm.mutationOptions());
  const disable = useMutation(trpc.twoFactor.disable.mutationOptions());
  const replace = useMutation(trpc.twoFactor.replaceRecoveryCodes.mutationOptions());
  const [code, setCode] = useState("");
  const [proofCode, setProofCode] = useState("");
  const [password, setPassword] = useState("");
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);

  const s = status.data;
  const proof = () => (proofCode.trim() ? { code: proofCode.trim() } : { password });
  const clearProof = () => {
    setProofCode("");
    setPassword("");
  };

  return (
    <Card>
      <section aria-labelledby="two-factor-title" data-testid="two-factor-settings">
        <h2 id="two-factor-title" className="text-lg font-semibold text-slate-900">
          {t("twoFactor.title")}
        </h2>
        <p className="mt-1 max-w-2xl text-sm text-slate-700">{t("twoFactor.lead")}</p>
        {status.isPending ? <p className="mt-3 text-sm text-slate-700">{t("common.loading")}</p> : null}
        <FormError message={formErrorOf(status.error, t("err.internal"))} />

        {s && (
          <p className="mt-3 text-sm font-medium text-slate-900" data-testid="two-factor-state">
            {s.enabled ? t("twoFactor.on", { date: formatDate(locale, s.enabledAt ?? 0) }) : t("twoFactor.off")}{" "}
            {s.enabled ? t("twoFactor.codesLeft", { n: s.recoveryCodesLeft }) : null} {s.required ? t("twoFactor.required") : null}
          </p>
        )}

        {recoveryCodes ? (
          <div className="mt-4 space-y-3" data-testid="recovery-codes">
            <h3 className="font-semibold text-slate-900">{t("twoFactor.codesTitle")}</h3>
            <p className="max-w-2xl text-sm text-slate-700">{t("twoFactor.codesLead")}</p>
            <ol className="grid max-w-md grid-cols-2 gap-x-6 gap-y-1 font-mono text-sm text-slate-900">
              {recoveryCodes.map((c) => (
                <li key={c}>{c}</li>
              ))}
            </ol>
            <button
              type="button"
              className={buttonClass}
              onClick={() => {
                setRecoveryCodes(null);
                onEnabled?.();
              }}
            >
              {t("twoFactor.codesDone")}
            </button>
          </div>
        ) : s && !s.enabled ? (
          begin.data ? (
            <form
              className="mt-4 max-w-md space-y-4"
              onSubmit={async (e) => {
                e.preventDefault();
                const res = await confirm.mutateAsync({ code }).catch(() => null);
                if (!res) return;
                setCode("");
                begin.reset();
                setRecoveryCodes(res.recoveryCodes);
                await refresh();
              }}
            >
              <p className="text-sm text-slate-800">{t("twoFactor.scan")}</p>
              <img
                src={begin.data.qrDataUrl}
                alt={t("twoFactor.qrAlt")}
                width={240}
                height={240}
                className="rounded border border-slate-300"
              />
              <div>
                <p className="text-sm text-slate-800">{t("twoFactor.secretLabel")}</p>
                <code className="mt-1 block break-all font-mono text-base text-slate-900" data-testid="totp-secret">
                  {grouped(begin.data.secret)}
                </code>
              </div>
              <FormError message={formErrorOf(confirm.error, t("err.internal"))} />
              <Field
                id="two-factor-code"
                label={t("twoFactor.confirmLabel")}
                hint={t("twoFactor.confirmHint")}
                errors={fieldErrorsOf(confirm.error)?.code}
              >
                {(a) => (
                  <input
                    {...a}
                    name="code"
                    inputMode="numeric"
                    autoComplete="one-time-code"
                    value={code}
                    onChange={(e) => setCode(e.target.value)}
                    className={inputClass}
                  />
                )}
              </Field>
              <button type="submit" className={buttonClass} disabled={confirm.isPending || !code.trim()}>
                {confirm.isPending ? t("common.loading") : t("twoFactor.confirm")}
              </button>
            </form>
          ) : (
            <div className="mt-4">
              <FormError message={formErrorOf(begin.error, t("err.internal"))} />
              <button type="button" className={buttonClass} disabled={begin.isPending} onClick={() => begin.mutate()}>
                {begin.isPending ? t("common.loading") : t("twoFactor.setUp")}
              </button>
            </div>
          )
        ) : s?.enabled ? (
          <form className="mt-4 max-w-md space-y-4" onSubmit={(e) => e.preventDefault()}>
            <p className="text-sm text-slate-700">{t("twoFactor.manageLead")}</p>
            <FormError message={formErrorOf(disable.error ?? replace.error, t("err.internal"))} />
            <Field id="two-factor-proof-code" label={t("twoFactor.proofCode")} errors={fieldErrorsOf(disable.error ?? replace.error)?.code}>
              {(a) => (
                <input
                  {...a}
                  name="code"
                  autoComplete="one-time-code"
                  value={proofCode}
                  onChange={(e) => setProofCode(e.target.value)}
                  className={inputClass}
                />
              )}
            </Field>
            <CurrentPasswordField
              id="two-factor-proof-password"
              label={t("twoFactor.proofPassword")}
              errors={fieldErrorsOf(disable.error ?? replace.error)?.password}
              value={password}
              onChange={setPassword}
            />
            {s.required ? <p className="text-sm text-slate-700">{t("twoFactor.disableRequired")}</p> : null}
            <div className="flex flex-wrap gap-3">
              <button
                type="button"
                className={secondaryButtonClass}
                disabled={replace.isPending || (!proofCode.trim() && !password)}
                onClick={async () => {
                  disable.reset();
                  const res = await replace.mutateAsync(proof()).catch(() => null);
                  if (!res) return;
                  clearProof();
                  setRecoveryCodes(res.recoveryCodes);
                  await refresh();
                }}
              >
                {t("twoFactor.replaceCodes")}
              </button>
              <button
                type="button"
                className={secondaryButtonClass}
                disabled={disable.isPending || (!proofCode.trim() && !password)}
                onClick={async () => {
                  replace.reset();
                  const res = await disable.mutateAsync(proof()).catch(() => null);
                  if (!res) return;
                  clearProof();
                  await refresh();
                }}
              >
                {t("twoFactor.disable")}
              </button>
            </div>
          </form>
        ) : null}
        {s && !recoveryCodes ? (
          <PasskeySettings
            passkeys={s.passkeys}
            onChange={async () => {
              const wasDue = s.due;
              await refresh();
              // A passkey is a second factor too: someone who had to set one up may go on now.
              if (wasDue) onEnabled?.();
            }}
          />
        ) : null}
      </section>
    </Card>
  );
}
