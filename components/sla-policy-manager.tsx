"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { useT } from "@/lib/i18n/client";
import type { CalendarView, PolicyView } from "@/server/sla/admin";
import { TICKET_PRIORITIES } from "@/lib/tickets";
import { Field, FormError, fieldErrorsOf, formErrorOf, inputClass } from "./form";
import { buttonClass, Card, secondaryButtonClass } from "./ui";

const METRICS = ["first_response", "next_response", "resolution"] as const;
type Priority = (typeof TICKET_PRIORITIES)[number];
type Targets = PolicyView["targets"];
type Action = PolicyView["breachAction"];

interface Draft {
  id?: number;
  name: string;
  calendarId: string;
  priorities: Priority[];
  categoryIds: number[];
  teamIds: number[];
  domains: string;
  targets: Record<string, string>;
  breachAction: Action;
}

const key = (p: string, m: string) => `${p}.${m}`;
const EMPTY: Draft = {
  name: "",
  calendarId: "",
  priorities: [],
  categoryIds: [],
  teamIds: [],
  domains: "",
  targets: {},
  breachAction: "none",
};

function toDraft(p: PolicyView): Draft {
  const targets: Record<string, string> = {};
  for (const pr of TICKET_PRIORITIES)
    for (const m of METRICS) targets[key(pr, m)] = p.targets[pr][m] === null ? "" : String(p.targets[pr][m]);
  return {
    id: p.id,
    name: p.name,
    calendarId: p.calendarId === null ? "" : String(p.calendarId),
    priorities: p.conditions.priorities,
    categoryIds: p.conditions.categoryIds,
    teamIds: p.conditions.teamIds,
    domains: p.conditions.domains.join(", "),
    targets,
    breachAction: p.breachAction,
  };
}

function toTargets(d: Draft): Targets {
  const num = (s: string | undefined) => (s && s.trim() ? Number(s) : null);
  const row = (p: Priority) => ({
    first_response: num(d.targets[key(p, "first_response")]),
    next_response: num(d.targets[key(p, "next_response")]),
    resolution: num(d.targets[key(p, "resolution")]),
  });
  return { urgent: row("urgent"), high: row("high"), normal: row("normal"), low: row("low") };
}

const toggle = <T,>(list: T[], v: T) => (list.includes(v) ? list.filter((x) => x !== v) : [...list, v]);

/** SLA policies in their order (the first that matches a ticket is its policy), and the form that writes one. */
export function SlaPolicyManager({
  policies,
  calendars,
  teams,
  categories,
}: {
  policies: PolicyView[];
  calendars: CalendarView[];
  teams: { id: number; name: string }[];
  categories: { id: number; name: string }[];
}) {
  const { t } = useT();
  const trpc = useTRPC();
  const router = useRouter();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [done, setDone] = useState<string | null>(null);
  const save = useMutation(trpc.sla.savePolicy.mutationOptions());
  const remove = useMutation(trpc.sla.deletePolicy.mutationOptions());
  const move = useMutation(trpc.sla.movePolicy.mutationOptions());
  const errors = fieldErrorsOf(save.error);
  const refresh = { onSuccess: () => router.refresh() };

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const domains = draft.domains
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    save.mutate(
      {
        id: draft.id,
        name: draft.name,
        calendarId: draft.calendarId ? Number(draft.calendarId) : null,
        conditions: { priorities: draft.priorities, categoryIds: draft.categoryIds, teamIds: draft.teamIds, domains },
        targets: toTargets(draft),
        breachAction: draft.breachAction,
      },
      {
        onSuccess: () => {
          setDraft(EMPTY);
          setDone(t("sla.admin.saved"));
          router.refresh();
        },
      },
    );
  }

  const checks = <T extends string | number>(legend: string, options: [T, string][], chosen: T[], set: (v: T[]) => void) => (
    <fieldset className="space-y-1">
      <legend className="text-sm font-semibold text-slate-800">{legend}</legend>
      <div className="flex flex-wrap gap-3">
        {options.map(([v, label]) => (
          <label key={String(v)} className="flex items-center gap-1 text-sm">
            <input type="checkbox" checked={chosen.includes(v)} onChange={() => set(toggle(chosen, v))} />
            {label}
          </label>
        ))}
      </div>
    </fieldset>
  );

  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <section aria-label={t("sla.admin.title")} className="space-y-3">
        {done && (
          <p role="status" className="text-sm text-green-800">
            {done}
          </p>
        )}
        <FormError message={formErrorOf(remove.error ?? move.error, t("common.error"))} />
        {policies.length === 0 ? (
          <p className="text-sm text-slate-700">{t("sla.admin.none")}</p>
        ) : (
          <ol className="space-y-3" data-testid="policy-list">
            {policies.map((p, i) => (
              <li key={p.id}>
                <Card className="space-y-2">
                  <h2 className="font-semibold">
                    {i + 1}. {p.name}
                  </h2>
                  <p className="text-xs text-slate-700">
                    {t("sla.admin.priorities")}: {p.conditions.priorities.map((x) => t(`priority.${x}`)).join(", ") || t("sla.admin.any")} ·{" "}
                    {p.conditions.categoryIds.length > 0 &&
                      `${t("sla.admin.categories")}: ${p.conditions.categoryIds.map((id) => categories.find((c) => c.id === id)?.name ?? `#${id}`).join(", ")} · `}
                    {p.conditions.teamIds.length > 0 &&
                      `${t("sla.admin.teams")}: ${p.conditions.teamIds.map((id) => teams.find((x) => x.id === id)?.name ?? `#${id}`).join(", ")} · `}
                    {p.conditions.domains.length > 0 && `${p.conditions.domains.join(", ")} · `}
                    {calendars.find((c) => c.id === p.calendarId)?.name ?? t("sla.admin.calendarNone")} ·{" "}
                    {t(`sla.admin.action.${p.breachAction}`)}
                  </p>
                  <div className="flex flex-wrap gap-2">
                    <button type="button" className={secondaryButtonClass} onClick={() => setDraft(toDraft(p))}>
                      {t("sla.admin.edit")}
                    </button>
                    <button
                      type="button"
                      className={secondaryButtonClass}
                      disabled={i === 0}
                      onClick={() => move.mutate({ id: p.id, direction: "up" }, refresh)}
                    >
                      {t("sla.admin.up")}
                    </button>
                    <button
                      type="button"
                      className={secondaryButtonClass}
                      disabled={i === policies.length - 1}
                      onClick={() => move.mutate({ id: p.id, direction: "down" }, refresh)}
                    >
                      {t("sla.admin.down")}
                    </button>
                    <button type="button" className={secondaryButtonClass} onClick={() => remove.mutate({ id: p.id }, refresh)}>
                      {t("sla.admin.delete")}
                    </button>
                  </div>
                </Card>
              </li>
            ))}
          </ol>
        )}
      </section>
      <Card>
        <form onSubmit={onSubmit} className="space-y-4" noValidate>
          <h2 className="text-lg font-semibold">{draft.id ? t("sla.admin.edit") : t("sla.admin.new")}</h2>
          <FormError message={formErrorOf(save.error, t("common.error"))} />
          <Field id="policy-name" label={t("sla.admin.name")} errors={errors?.name}>
            {(a) => (
              <input {...a} value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} className={inputClass} />
            )}
          </Field>
          <Field id="policy-calendar" label={t("sla.admin.calendar")} errors={errors?.calendarId}>
            {(a) => (
              <select
                {...a}
                value={draft.calendarId}
                onChange={(e) => setDraft({ ...draft, calendarId: e.target.value })}
                className={inputClass}
              >
                <option value="">{t("sla.admin.calendarNone")}</option>
                {calendars.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name} ({c.timeZone})
                  </option>
                ))}
              </select>
            )}
          </Field>
          <h3 className="text-sm font-semibold">{t("sla.admin.conditions")}</h3>
          {checks(
            t("sla.admin.priorities"),
            TICKET_PRIORITIES.map((p) => [p, t(`priority.${p}`)] as [Priority, string]),
            draft.priorities,
            (priorities) => setDraft({ ...draft, priorities }),
          )}
          {checks(
            t("sla.admin.categories"),
            categories.map((c) => [c.id, c.name] as [number, string]),
            draft.categoryIds,
            (categoryIds) => setDraft({ ...draft, categoryIds }),
          )}
          {checks(
            t("sla.admin.teams"),
            teams.map((c) => [c.id, c.name] as [number, string]),
            draft.teamIds,
            (teamIds) => setDraft({ ...draft, teamIds }),
          )}
          <Field id="policy-domains" label={t("sla.admin.domains")} errors={errors?.["conditions.domains"]}>
            {(a) => (
              <input
                {...a}
                value={draft.domains}
                onChange={(e) => setDraft({ ...draft, domains: e.target.value })}
                className={inputClass}
              />
            )}
          </Field>
          <table className="w-full text-sm">
            <caption className="mb-1 text-left font-semibold">{t("sla.admin.targets")}</caption>
            <thead>
              <tr>
                <th scope="col" className="text-left">
                  {t("sla.admin.priority")}
                </th>
                {METRICS.map((m) => (
                  <th key={m} scope="col" className="text-left">
                    {t(`sla.metric.${m}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {TICKET_PRIORITIES.map((p) => (
                <tr key={p}>
                  <th scope="row" className="pr-2 text-left font-normal">
                    {t(`priority.${p}`)}
                  </th>
                  {METRICS.map((m) => (
                    <td key={m} className="pr-2">
                      <input
                        type="number"
                        min={1}
                        aria-label={`${t(`priority.${p}`)}: ${t(`sla.metric.${m}`)}`}
                        value={draft.targets[key(p, m)] ?? ""}
                        onChange={(e) => setDraft({ ...draft, targets: { ...draft.targets, [key(p, m)]: e.target.value } })}
                        className={inputClass}
                      />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          <Field id="policy-action" label={t("sla.admin.breachAction")}>
            {(a) => (
              <select
                {...a}
                value={draft.breachAction}
                onChange={(e) => setDraft({ ...draft, breachAction: e.target.value as Action })}
                className={inputClass}
              >
                {(["none", "raise_priority", "reassign_team"] as const).map((x) => (
                  <option key={x} value={x}>
                    {t(`sla.admin.action.${x}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <div className="flex gap-2">
            <button type="submit" className={buttonClass} disabled={save.isPending}>
              {t("sla.admin.save")}
            </button>
            {draft.id && (
              <button type="button" className={secondaryButtonClass} onClick={() => setDraft(EMPTY)}>
                {t("sla.admin.new")}
              </button>
            )}
          </div>
        </form>
      </Card>
    </div>
  );
}
