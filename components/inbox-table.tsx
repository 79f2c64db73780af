"use client";
import { useState } from "react";
import { TagInput } from "./tag-suggestions";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { useT } from "@/lib/i18n/client";
import { formatDateTime } from "@/lib/i18n";
import { BULK_LIMIT, TICKET_PRIORITIES, TICKET_STATUSES } from "@/lib/tickets";
import { formErrorOf } from "./form";
import { Badge, buttonClass, inputClass } from "./ui";
import { SlaCountdown } from "./sla-countdown";
import { InboxMergeAction } from "./inbox-merge-action";

export interface InboxRow {
  id: number;
  subject: string;
  status: (typeof TICKET_STATUSES)[number];
  priority: (typeof TICKET_PRIORITIES)[number];
  updatedAt: number;
  requesterName: string;
  assigneeName: string | null;
  teamName: string | null;
  tags: string[];
  /** The running SLA clock (server/sla), for the countdown column. */
  sla?: { dueAt: number | null; warnAt: number | null; paused: boolean };
}

const tagList = (s: string) =>
  s
    .split(",")
    .map((x) => x.trim().toLowerCase())
    .filter(Boolean);

/** The inbox list with a checkbox per ticket and the bulk actions for the selected ones (a result per ticket). */
export function InboxTable({
  items,
  caption,
  staff,
  teams,
  canAssign,
}: {
  items: InboxRow[];
  caption: string;
  staff: { id: number; name: string }[];
  teams: { id: number; name: string }[];
  canAssign: boolean;
}) {
  const { t, locale } = useT();
  const trpc = useTRPC();
  const router = useRouter();
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [form, setForm] = useState({ status: "", priority: "", assignee: "", team: "", addTags: "", removeTags: "" });
  const bulk = useMutation(trpc.inbox.bulk.mutationOptions({ onSuccess: () => router.refresh() }));
  const allOnPage = items.length > 0 && items.every((i) => selected.has(i.id));
  const toggle = (id: number) => {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setSelected(next);
  };
  const head = [
    "#",
    t("tickets.col.subject"),
    t("tickets.col.status"),
    t("tickets.col.priority"),
    t("sla.column"),
    t("tickets.col.requester"),
    t("tickets.col.assignee"),
    t("inbox.col.team"),
    t("tickets.col.updated"),
  ];
  const failed = bulk.data?.filter((r) => !r.ok) ?? [];

  return (
    <div>
      {selected.size > 0 && (
        <form
          aria-label={t("inbox.bulk.apply")}
          className="mb-3 grid gap-2 rounded-lg border border-blue-200 bg-blue-50 p-3 sm:grid-cols-3 lg:grid-cols-6"
          onSubmit={(e) => {
            e.preventDefault();
            bulk.mutate({
              ticketIds: [...selected],
              status: (form.status || undefined) as (typeof TICKET_STATUSES)[number] | undefined,
              priority: (form.priority || undefined) as (typeof TICKET_PRIORITIES)[number] | undefined,
              assigneeId: form.assignee === "" ? undefined : form.assignee === "none" ? null : Number(form.assignee),
              teamId: form.team === "" ? undefined : form.team === "none" ? null : Number(form.team),
              addTags: tagList(form.addTags),
              removeTags: tagList(form.removeTags),
            });
          }}
        >
          <p className="text-sm font-semibold text-slate-900 sm:col-span-3 lg:col-span-6" role="status">
            {t("inbox.bulk.selected", { count: selected.size })} · {t("inbox.bulk.limit", { limit: BULK_LIMIT })}
          </p>
          <BulkSelect label={t("inbox.bulk.status")} value={form.status} onChange={(status) => setForm({ ...form, status })}>
            {TICKET_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </BulkSelect>
          <BulkSelect label={t("inbox.bulk.priority")} value={form.priority} onChange={(priority) => setForm({ ...form, priority })}>
            {TICKET_PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {t(`priority.${p}`)}
              </option>
            ))}
          </BulkSelect>
          {canAssign && (
            <BulkSelect label={t("inbox.bulk.assignee")} value={form.assignee} onChange={(assignee) => setForm({ ...form, assignee })}>
              <option value="none">{t("common.unassigned")}</option>
              {staff.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </BulkSelect>
          )}
          <BulkSelect label={t("inbox.bulk.team")} value={form.team} onChange={(team) => setForm({ ...form, team })}>
            <option value="none">{t("inbox.bulk.noTeam")}</option>
            {teams.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </BulkSelect>
          <label className="block text-sm">
            <span className="mb-1 block font-medium text-slate-800">{t("inbox.bulk.addTags")}</span>
            <TagInput
              className={inputClass}
              value={form.addTags}
              placeholder={t("inbox.bulk.tagsHint")}
              onValue={(v) => setForm({ ...form, addTags: v })}
            />
          </label>
          <label className="block text-sm">
            <span className="mb-1 block font-medium text-slate-800">{t("inbox.bulk.removeTags")}</span>
            <TagInput
              className={inputClass}
              value={form.removeTags}
              placeholder={t("inbox.bulk.tagsHint")}
              onValue={(v) => setForm({ ...form, removeTags: v })}
            />
          </label>
          <div className="sm:col-span-3 lg:col-span-6">
            <button type="submit" className={buttonClass} disabled={bulk.isPending}>
              {t("inbox.bulk.apply")}
            </button>
          </div>
        </form>
      )}
      {selected.size > 0 && <InboxMergeAction ticketIds={[...selected]} />}
      {(bulk.data || bulk.error) && (
        <div
          role="status"
          className="mb-3 rounded-md border border-slate-200 bg-white p-3 text-sm text-slate-800"
          data-testid="bulk-result"
        >
          {bulk.data && <p>{t("inbox.bulk.done", { ok: bulk.data.length - failed.length, total: bulk.data.length })}</p>}
          {failed.length > 0 && (
            <ul className="mt-1 list-disc pl-5 text-red-800">
              {failed.map((r) => (
                <li key={r.ticketId}>{t("inbox.bulk.failed", { id: r.ticketId, message: r.message ?? "" })}</li>
              ))}
            </ul>
          )}
          {bulk.error && <p className="text-red-800">{formErrorOf(bulk.error, t("common.error"))}</p>}
        </div>
      )}
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <caption className="sr-only">{caption}</caption>
          <thead className="bg-slate-50">
            <tr>
              <th scope="col" className="w-8 px-3 py-2">
                <input
                  type="checkbox"
                  aria-label={t("inbox.bulk.selectAll")}
                  checked={allOnPage}
                  onChange={() => setSelected(allOnPage ? new Set() : new Set(items.map((i) => i.id)))}
                />
              </th>
              {head.map((h) => (
                <th key={h} scope="col" className="px-3 py-2 text-left font-semibold text-slate-700">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {items.map((tk) => (
              <tr key={tk.id} className="hover:bg-slate-50" data-testid="ticket-row">
                <td className="px-3 py-2">
                  <input
                    type="checkbox"
                    aria-label={t("inbox.bulk.select", { id: tk.id })}
                    checked={selected.has(tk.id)}
                    onChange={() => toggle(tk.id)}
                  />
                </td>
                <td className="px-3 py-2 text-slate-600">{tk.id}</td>
                <td className="max-w-md px-3 py-2">
                  <Link href={`/inbox/${tk.id}`} className="font-medium text-blue-800 hover:underline">
                    {tk.subject}
                  </Link>
                  {tk.tags.length > 0 && (
                    <span className="ml-2 inline-flex flex-wrap gap-1 align-middle" aria-label={t("inbox.col.tags")}>
                      {tk.tags.map((g) => (
                        <span key={g} className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700">
                          {g}
                        </span>
                      ))}
                    </span>
                  )}
                </td>
                <td className="px-3 py-2">
                  <Badge kind={tk.status}>{t(`status.${tk.status}`)}</Badge>
                </td>
                <td className="px-3 py-2">
                  <Badge kind={tk.priority}>{t(`priority.${tk.priority}`)}</Badge>
                </td>
                <td className="px-3 py-2">
                  <SlaCountdown dueAt={tk.sla?.dueAt ?? null} warnAt={tk.sla?.warnAt ?? null} paused={tk.sla?.paused ?? false} />
                </td>
                <td className="px-3 py-2 text-slate-800">{tk.requesterName}</td>
                <td className="px-3 py-2 text-slate-800">
                  {tk.assigneeName ?? <span className="text-slate-600">{t("common.unassigned")}</span>}
                </td>
                <td className="px-3 py-2 text-slate-800">{tk.teamName ?? ""}</td>
                <td className="whitespace-nowrap px-3 py-2 text-slate-700">{formatDateTime(locale, tk.updatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function BulkSelect({
  label,
  value,
  onChange,
  children,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  children: React.ReactNode;
}) {
  const { t } = useT();
  return (
    <label className="block text-sm">
      <span className="mb-1 block font-medium text-slate-800">{label}</span>
      <select className={inputClass} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t("inbox.bulk.unchanged")}</option>
        {children}
      </select>
    </label>
  );
}
