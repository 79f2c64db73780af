"use client";
import { useEffect, useState } from "react";
import { useRouter } from "next/navigation";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { useT } from "@/lib/i18n/client";
import { Field, FormError, fieldErrorsOf, formErrorOf, inputClass } from "@/components/form";
import { buttonClass } from "@/components/ui";
import { TICKET_PRIORITIES, TICKET_STATUSES } from "@/lib/tickets";
import type { TicketPriority, TicketStatus } from "@/server/db/schema";

export function TicketPropertiesForm({
  ticketId,
  status,
  priority,
  assigneeId,
  staff,
  disabled,
}: {
  ticketId: number;
  status: TicketStatus;
  priority: TicketPriority;
  assigneeId: number | null;
  staff: { id: number; name: string }[];
  disabled: boolean;
}) {
  const { t } = useT();
  const trpc = useTRPC();
  const router = useRouter();
  const update = useMutation(trpc.inbox.update.mutationOptions());
  const errors = fieldErrorsOf(update.error);
  // Controlled. When the server's values change (a reply, a colleague, routing or the SLA sweep, seen through the
  // page's background refresh) the fields the agent has not touched follow them; a choice not yet saved stays.
  const server = { status, priority, assignee: assigneeId === null ? "" : String(assigneeId) };
  const [form, setForm] = useState(server);
  const [touched, setTouched] = useState<Partial<Record<keyof typeof server, true>>>({});
  useEffect(() => {
    setForm((f) => ({
      status: touched.status ? f.status : status,
      priority: touched.priority ? f.priority : priority,
      assignee: touched.assignee ? f.assignee : assigneeId === null ? "" : String(assigneeId),
    }));
    // Only the server's values trigger this: `touched` is read as it is when they change.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [status, priority, assigneeId]);
  // Until the page is hydrated a choice would be lost (React sets the controls back to its state): wait for it.
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const change = (field: keyof typeof server, value: string) => {
    setForm((f) => ({ ...f, [field]: value }) as typeof f);
    setTouched((t) => ({ ...t, [field]: true }));
  };

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const nextStatus = form.status;
    const nextPriority = form.priority;
    const nextAssignee = form.assignee ? Number(form.assignee) : null;
    // Only what the agent changed: a stale field must never overwrite a newer value.
    update.mutate(
      {
        ticketId,
        ...(nextStatus !== status ? { status: nextStatus } : {}),
        ...(nextPriority !== priority ? { priority: nextPriority } : {}),
        ...(nextAssignee !== assigneeId ? { assigneeId: nextAssignee } : {}),
      },
      {
        onSuccess: () => {
          setTouched({});
          router.refresh();
        },
      },
    );
  }

  return (
    <form onSubmit={onSubmit} className="space-y-3" noValidate>
      <FormError message={formErrorOf(update.error, t("common.error"))} />
      <Field id="status" label={t("ticket.status")} errors={errors?.status}>
        {(a) => (
          <select
            {...a}
            name="status"
            value={form.status}
            onChange={(e) => change("status", e.target.value)}
            disabled={disabled || !hydrated}
            className={inputClass}
          >
            {TICKET_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id="priority" label={t("ticket.priority")} errors={errors?.priority}>
        {(a) => (
          <select
            {...a}
            name="priority"
            value={form.priority}
            onChange={(e) => change("priority", e.target.value)}
            disabled={disabled || !hydrated}
            className={inputClass}
          >
            {TICKET_PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {t(`priority.${p}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id="assigneeId" label={t("ticket.assignee")} errors={errors?.assigneeId}>
        {(a) => (
          <select
            {...a}
            name="assigneeId"
            value={form.assignee}
            onChange={(e) => change("assignee", e.target.value)}
            disabled={disabled || !hydrated}
            className={inputClass}
          >
            <option value="">{t("common.unassigned")}</option>
            {staff.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      {!disabled && (
        <button type="submit" className={`${buttonClass} w-full`} disabled={update.isPending}>
          {update.isPending ? t("common.loading") : t("common.save")}
        </button>
      )}
      {update.isSuccess && !update.isPending && (
        <p role="status" className="text-sm text-green-800">
          {t("common.saved")}
        </p>
      )}
    </form>
  );
}
