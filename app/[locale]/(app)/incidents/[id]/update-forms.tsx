"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { useT } from "@/lib/i18n/client";
import { Field, FormError, fieldErrorsOf, formErrorOf, inputClass } from "@/components/form";
import { buttonClass, secondaryButtonClass } from "@/components/ui";
import type { IncidentImpact, IncidentStatus } from "@/server/db/schema";
import { StageFields } from "../stage-fields";
import { ComponentsPicker, affectedList, type Affected, type PickableComponent } from "../components-picker";

function Check({
  id,
  label,
  hint,
  checked,
  onChange,
}: {
  id: string;
  label: string;
  hint?: string;
  checked: boolean;
  onChange: (v: boolean) => void;
}) {
  return (
    <div>
      <div className="flex items-center gap-2">
        <input
          id={id}
          type="checkbox"
          className="h-4 w-4"
          checked={checked}
          onChange={(e) => onChange(e.target.checked)}
          aria-describedby={hint ? `${id}-hint` : undefined}
        />
        <label htmlFor={id} className="text-sm font-medium">
          {label}
        </label>
      </div>
      {hint && (
        <p id={`${id}-hint`} className="ml-6 text-xs text-slate-600">
          {hint}
        </p>
      )}
    </div>
  );
}

function Outcome({ replied, solved }: { replied?: { done: number }; solved?: { done: number } }) {
  const { t } = useT();
  const parts = [
    replied?.done ? t("incidents.result.replied", { n: replied.done }) : null,
    solved?.done ? t("incidents.result.solved", { n: solved.done }) : null,
  ].filter(Boolean);
  return (
    <p role="status" className="text-sm text-green-800">
      {parts.length ? parts.join(" ") : t("common.saved")}
    </p>
  );
}

export function PostUpdateForm({
  incidentId,
  status,
  impact,
  components,
  affected: initial,
}: {
  incidentId: number;
  status: IncidentStatus;
  impact: IncidentImpact;
  components: PickableComponent[];
  affected: Affected;
}) {
  const { t } = useT();
  const trpc = useTRPC();
  const router = useRouter();
  const post = useMutation(trpc.status.incidents.postUpdate.mutationOptions());
  const errors = fieldErrorsOf(post.error);
  const [form, setForm] = useState({ status: status === "resolved" ? "monitoring" : status, impact, body: "", notify: false });
  const [affected, setAffected] = useState<Affected>(initial);

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    post.mutate(
      {
        incidentId,
        status: form.status,
        impact: form.impact,
        body: form.body,
        components: affectedList(affected),
        notifyLinkedTickets: form.notify,
      },
      {
        onSuccess: () => {
          setForm((f) => ({ ...f, body: "" }));
          router.refresh();
        },
      },
    );
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <FormError message={formErrorOf(post.error, t("common.error"))} />
      <StageFields
        idPrefix="update-"
        status={form.status}
        impact={form.impact}
        onChange={(stage) => setForm({ ...form, ...stage })}
        errors={errors}
      />
      <ComponentsPicker
        idPrefix="update-component"
        components={components}
        value={affected}
        onChange={setAffected}
        errors={errors?.components}
      />
      <Field id="update-body" label={t("incidents.field.body")} hint={t("incidents.field.body.hint")} errors={errors?.body}>
        {(a) => (
          <textarea {...a} rows={4} className={inputClass} value={form.body} onChange={(e) => setForm({ ...form, body: e.target.value })} />
        )}
      </Field>
      <Check
        id="update-notify"
        label={t("incidents.notifyLinked")}
        hint={t("incidents.notifyLinked.hint")}
        checked={form.notify}
        onChange={(notify) => setForm({ ...form, notify })}
      />
      <button type="submit" className={buttonClass} disabled={post.isPending}>
        {post.isPending ? t("common.loading") : t("incidents.post")}
      </button>
      {post.isSuccess && !post.isPending && <Outcome replied={post.data.replied} />}
    </form>
  );
}

export function ResolveForm({ incidentId }: { incidentId: number }) {
  const { t } = useT();
  const trpc = useTRPC();
  const router = useRouter();
  const resolve = useMutation(trpc.status.incidents.resolve.mutationOptions());
  const errors = fieldErrorsOf(resolve.error);
  const [form, setForm] = useState({ body: "", notify: false, solve: false });

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    resolve.mutate(
      { incidentId, body: form.body, notifyLinkedTickets: form.notify, solveLinkedTickets: form.solve },
      { onSuccess: () => router.refresh() },
    );
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <FormError message={formErrorOf(resolve.error, t("common.error"))} />
      <Field id="resolve-body" label={t("incidents.field.body")} errors={errors?.body}>
        {(a) => (
          <textarea {...a} rows={3} className={inputClass} value={form.body} onChange={(e) => setForm({ ...form, body: e.target.value })} />
        )}
      </Field>
      <Check
        id="resolve-notify"
        label={t("incidents.notifyLinked")}
        checked={form.notify}
        onChange={(notify) => setForm({ ...form, notify })}
      />
      <Check id="resolve-solve" label={t("incidents.solveLinked")} checked={form.solve} onChange={(solve) => setForm({ ...form, solve })} />
      <button type="submit" className={secondaryButtonClass} disabled={resolve.isPending}>
        {resolve.isPending ? t("common.loading") : t("incidents.resolve.submit")}
      </button>
      {resolve.isSuccess && !resolve.isPending && <Outcome replied={resolve.data.replied} solved={resolve.data.solved} />}
    </form>
  );
}

export function MergeForm({ incidentId, targets }: { incidentId: number; targets: { id: number; title: string }[] }) {
  const { t } = useT();
  const trpc = useTRPC();
  const router = useRouter();
  const merge = useMutation(trpc.status.incidents.merge.mutationOptions());
  const errors = fieldErrorsOf(merge.error);
  const [target, setTarget] = useState(targets[0]?.id ?? 0);
  if (targets.length === 0) return <p className="text-sm text-slate-700">{t("incidents.merge.noTargets")}</p>;

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    merge.mutate({ sourceId: incidentId, targetId: target }, { onSuccess: (r) => router.push(`/incidents/${r.targetId}`) });
  }

  return (
    <form onSubmit={onSubmit} className="space-y-3" noValidate>
      <FormError message={formErrorOf(merge.error, t("common.error"))} />
      <Field id="merge-target" label={t("incidents.merge.target")} hint={t("incidents.merge.hint")} errors={errors?.targetId}>
        {(a) => (
          <select {...a} className={inputClass} value={target} onChange={(e) => setTarget(Number(e.target.value))}>
            {targets.map((i) => (
              <option key={i.id} value={i.id}>
                #{i.id} {i.title}
              </option>
            ))}
          </select>
        )}
      </Field>
      <button type="submit" className={secondaryButtonClass} disabled={merge.isPending}>
        {merge.isPending ? t("common.loading") : t("incidents.merge.submit")}
      </button>
    </form>
  );
}
