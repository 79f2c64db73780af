"use client";
import { useId, useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { Field, FormError, fieldErrorsOf, formErrorOf, inputClass } from "@/components/form";
import { buttonClass, secondaryButtonClass } from "@/components/ui";
import { useTRPC } from "@/lib/trpc/client";
import { useT } from "@/lib/i18n/client";

type Channel = "email" | "webhook";

/** Subscribing to status updates (email or webhook, per component). */
export function SubscribeForm({ components }: { components: { id: number; name: string }[] }) {
  const { t, locale } = useT();
  const trpc = useTRPC();
  const uid = useId();
  const [channel, setChannel] = useState<Channel>("email");
  const [chosen, setChosen] = useState<Set<number>>(() => new Set(components.map((c) => c.id)));
  const sub = useMutation(trpc.subscriptions.subscribe.mutationOptions());
  const errors = fieldErrorsOf(sub.error);
  const id = (name: string) => `${uid}-${name}`;

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const text = (name: string) => String(data.get(name) ?? "").trim();
    // Everything chosen means "all components", including ones added later.
    const picked = components.every((c) => chosen.has(c.id)) ? undefined : components.filter((c) => chosen.has(c.id)).map((c) => c.id);
    if (channel === "email") sub.mutate({ kind: "email", email: text("email"), locale, components: picked });
    else sub.mutate({ kind: "webhook", url: text("url"), secret: text("secret") || undefined, locale, components: picked });
  }

  if (sub.data) {
    return (
      <div className="space-y-3" role="status">
        {sub.data.kind === "email" ? (
          <p className="text-green-900">{t("subscriptions.form.emailSent")}</p>
        ) : (
          <>
            <p className="text-green-900">{t("subscriptions.form.webhookCreated")}</p>
            <code className="block select-all break-all rounded-md bg-slate-100 px-3 py-2 font-mono text-sm text-slate-900">
              {sub.data.secret}
            </code>
            <p className="text-sm text-slate-700">{t("subscriptions.form.secretOnce")}</p>
            <p className="text-sm text-slate-700">{t("subscriptions.form.webhookVerify")}</p>
            <p className="text-sm text-slate-700">{t("subscriptions.form.unsubscribeUrl")}</p>
            <code className="block select-all break-all rounded-md bg-slate-100 px-3 py-2 font-mono text-xs text-slate-900">
              {sub.data.unsubscribeUrl}
            </code>
          </>
        )}
        <button type="button" className={secondaryButtonClass} onClick={() => sub.reset()}>
          {t("subscriptions.form.another")}
        </button>
      </div>
    );
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate aria-label={t("subscriptions.form.title")}>
      <FormError message={formErrorOf(sub.error, t("common.error"))} />
      <fieldset>
        <legend className="mb-1 text-sm font-semibold text-slate-800">{t("subscriptions.form.channel")}</legend>
        <div className="flex gap-4">
          {(["email", "webhook"] as const).map((c) => (
            <label key={c} className="inline-flex items-center gap-2 text-sm text-slate-900">
              <input
                type="radio"
                name="channel"
                value={c}
                checked={channel === c}
                onChange={() => {
                  setChannel(c);
                  sub.reset();
                }}
                className="h-4 w-4 accent-blue-700"
              />
              {t(`subscriptions.form.${c}`)}
            </label>
          ))}
        </div>
      </fieldset>

      {channel === "email" ? (
        <Field id={id("email")} label={t("subscriptions.form.emailLabel")} errors={errors?.email}>
          {(a) => <input {...a} name="email" type="email" autoComplete="email" required className={inputClass} />}
        </Field>
      ) : (
        <>
          <Field id={id("url")} label={t("subscriptions.form.urlLabel")} hint={t("subscriptions.form.urlHint")} errors={errors?.url}>
            {(a) => <input {...a} name="url" type="url" inputMode="url" placeholder="https://" required className={inputClass} />}
          </Field>
          <Field
            id={id("secret")}
            label={t("subscriptions.form.secretLabel")}
            hint={t("subscriptions.form.secretHint")}
            errors={errors?.secret}
          >
            {(a) => <input {...a} name="secret" type="text" autoComplete="off" spellCheck={false} className={inputClass} />}
          </Field>
          <p className="text-xs text-slate-600">{t("subscriptions.form.verifyHint")}</p>
        </>
      )}

      {components.length > 0 && (
        <fieldset aria-describedby={`${id("components")}-hint${errors?.components ? ` ${id("components")}-error` : ""}`}>
          <legend className="text-sm font-semibold text-slate-800">{t("subscriptions.form.components")}</legend>
          <p id={`${id("components")}-hint`} className="mb-2 text-xs text-slate-600">
            {t("subscriptions.form.componentsHint")}
          </p>
          <ul className="grid gap-1 sm:grid-cols-2">
            {components.map((c) => (
              <li key={c.id}>
                <label className="inline-flex items-center gap-2 text-sm text-slate-900">
                  <input
                    type="checkbox"
                    className="h-4 w-4 accent-blue-700"
                    checked={chosen.has(c.id)}
                    onChange={(e) => {
                      const next = new Set(chosen);
                      if (e.target.checked) next.add(c.id);
                      else next.delete(c.id);
                      setChosen(next);
                    }}
                  />
                  {c.name}
                </label>
              </li>
            ))}
          </ul>
          {errors?.components?.length ? (
            <p id={`${id("components")}-error`} role="alert" className="mt-1 text-sm font-medium text-red-800">
              {errors.components.join(" ")}
            </p>
          ) : null}
        </fieldset>
      )}

      <button type="submit" className={buttonClass} disabled={sub.isPending}>
        {t("subscriptions.form.submit")}
      </button>
    </form>
  );
}
