"use client";
import { useState } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { useT } from "@/lib/i18n/client";
import { Field, FormError, fieldErrorsOf, formErrorOf, inputClass } from "@/components/form";
import { buttonClass } from "@/components/ui";
import type { MonitorView } from "@/server/monitoring/find-monitors";
import type { MonitorKind } from "@/server/db/schema";
import { HeartbeatUrl } from "./heartbeat-url";

const KINDS: MonitorKind[] = ["http", "tcp", "tls", "heartbeat"];
const int = (v: FormDataEntryValue | null) => (v === null || String(v).trim() === "" ? undefined : Number(v));
const text = (v: FormDataEntryValue | null) => (v === null || String(v).trim() === "" ? undefined : String(v).trim());

/** Create (with the kind) or edit (kind fixed) a monitor; the fields shown follow the kind. */
export function MonitorForm({ monitor, components }: { monitor?: MonitorView; components: { id: number; name: string }[] }) {
  const { t } = useT();
  const trpc = useTRPC();
  const router = useRouter();
  const [kind, setKind] = useState<MonitorKind>(monitor?.kind ?? "http");
  const create = useMutation(trpc.monitors.create.mutationOptions());
  const update = useMutation(trpc.monitors.update.mutationOptions({ onSuccess: () => router.refresh() }));
  const active = monitor ? update : create;
  const errors = fieldErrorsOf(active.error);
  const c = monitor?.config ?? {};

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const fields = {
      name: String(f.get("name") ?? ""),
      target: String(f.get("target") ?? ""),
      componentId: int(f.get("componentId")) ?? null,
      intervalS: int(f.get("intervalS")),
      timeoutMs: int(f.get("timeoutMs")),
      failThreshold: int(f.get("failThreshold")),
      recoverThreshold: int(f.get("recoverThreshold")),
      config: {
        expectedStatus: text(f.get("expectedStatus")),
        keyword: text(f.get("keyword")),
        degradedMs: int(f.get("degradedMs")),
        tlsWarnDays: int(f.get("tlsWarnDays")),
      },
    };
    if (monitor) update.mutate({ id: monitor.id, ...fields });
    else create.mutate({ kind, ...fields });
  }

  if (create.data) {
    return (
      <div className="space-y-3" role="status">
        <p className="font-semibold text-green-800">{t("monitoring.created")}</p>
        {create.data.heartbeatUrl && <HeartbeatUrl url={create.data.heartbeatUrl} />}
        <Link className={buttonClass} href={`/admin/monitors/${create.data.id}`}>
          {t("monitoring.open")}
        </Link>
      </div>
    );
  }

  const num = (name: string, label: string, value: number | undefined, hint?: string) => (
    <Field id={`m-${name}`} label={label} hint={hint} errors={errors?.[name]}>
      {(a) => <input {...a} name={name} type="number" inputMode="numeric" defaultValue={value} className={inputClass} />}
    </Field>
  );

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <FormError message={formErrorOf(active.error, t("common.error"))} />
      {update.isSuccess && (
        <p role="status" className="text-sm text-green-800">
          {t("monitoring.form.saved")}
        </p>
      )}
      {!monitor && (
        <Field id="m-kind" label={t("monitoring.form.kind")} errors={errors?.kind}>
          {(a) => (
            <select {...a} name="kind" value={kind} onChange={(e) => setKind(e.target.value as MonitorKind)} className={inputClass}>
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`monitoring.kind.${k}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      <Field id="m-name" label={t("monitoring.form.name")} errors={errors?.name}>
        {(a) => <input {...a} name="name" defaultValue={monitor?.name} className={inputClass} />}
      </Field>
      <Field id="m-component" label={t("monitoring.form.component")} hint={t("monitoring.form.componentHint")} errors={errors?.componentId}>
        {(a) => (
          <select {...a} name="componentId" defaultValue={monitor?.componentId ?? ""} className={inputClass}>
            <option value="">{t("monitoring.noComponent")}</option>
            {components.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      {kind !== "heartbeat" && (
        <Field
          id="m-target"
          label={t("monitoring.form.target")}
          hint={t(kind === "http" ? "monitoring.form.targetHint.http" : "monitoring.form.targetHint.hostPort")}
          errors={errors?.target}
        >
          {(a) => <input {...a} name="target" defaultValue={monitor?.target} className={inputClass} autoComplete="off" />}
        </Field>
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        {num("intervalS", t("monitoring.form.interval"), monitor?.intervalS ?? 60, t("monitoring.form.intervalHint"))}
        {num(
          "timeoutMs",
          t("monitoring.form.timeout"),
          monitor?.timeoutMs ?? 10_000,
          kind === "heartbeat" ? t("monitoring.form.timeoutHint") : undefined,
        )}
        {num("failThreshold", t("monitoring.form.failThreshold"), monitor?.failThreshold ?? 3)}
        {num("recoverThreshold", t("monitoring.form.recoverThreshold"), monitor?.recoverThreshold ?? 2)}
      </div>
      {kind === "http" && (
        <div className="grid gap-4 sm:grid-cols-2">
          <Field
            id="m-expectedStatus"
            label={t("monitoring.form.expectedStatus")}
            hint={t("monitoring.form.expectedStatusHint")}
            errors={errors?.["config.expectedStatus"]}
          >
            {(a) => <input {...a} name="expectedStatus" defaultValue={c.expectedStatus} placeholder="200-399" className={inputClass} />}
          </Field>
          <Field id="m-keyword" label={t("monitoring.form.keyword")} errors={errors?.["config.keyword"]}>
            {(a) => <input {...a} name="keyword" defaultValue={c.keyword} className={inputClass} />}
          </Field>
        </div>
      )}
      {(kind === "http" || kind === "tcp") && (
        <Field
          id="m-degradedMs"
          label={t("monitoring.form.degradedMs")}
          hint={t("monitoring.form.degradedMsHint")}
          errors={errors?.["config.degradedMs"]}
        >
          {(a) => <input {...a} name="degradedMs" type="number" inputMode="numeric" defaultValue={c.degradedMs} className={inputClass} />}
        </Field>
      )}
      {kind === "tls" && (
        <Field id="m-tlsWarnDays" label={t("monitoring.form.tlsWarnDays")} errors={errors?.["config.tlsWarnDays"]}>
          {(a) => (
            <input {...a} name="tlsWarnDays" type="number" inputMode="numeric" defaultValue={c.tlsWarnDays ?? 14} className={inputClass} />
          )}
        </Field>
      )}
      <button type="submit" className={buttonClass} disabled={active.isPending}>
        {monitor ? t("monitoring.form.save") : t("monitoring.form.create")}
      </button>
    </form>
  );
}
