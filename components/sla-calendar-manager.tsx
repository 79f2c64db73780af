"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { useT } from "@/lib/i18n/client";
import type { CalendarView } from "@/server/sla/admin";
import { Field, FormError, fieldErrorsOf, formErrorOf, inputClass } from "./form";
import { buttonClass, Card, secondaryButtonClass } from "./ui";

type Range = [number, number];
type Holiday = { from: string; to?: string; yearly?: boolean };
interface Draft {
  id?: number;
  name: string;
  timeZone: string;
  week: string[];
  holidays: string;
}

const hm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
const EMPTY: Draft = {
  name: "",
  timeZone: "Europe/Berlin",
  week: ["", "09:00-17:00", "09:00-17:00", "09:00-17:00", "09:00-17:00", "09:00-17:00", ""],
  holidays: "",
};

function toDraft(c: CalendarView): Draft {
  return {
    id: c.id,
    name: c.name,
    timeZone: c.timeZone,
    week: c.week.map((day) => day.map(([a, b]) => `${hm(a)}-${hm(b)}`).join(", ")),
    holidays: c.holidays.map((h) => `${h.from}${h.to && h.to !== h.from ? `..${h.to}` : ""}${h.yearly ? " *" : ""}`).join("\n"),
  };
}

/** "09:00-12:00, 13:00-17:00" as minute ranges; null when it does not read. */
export function parseHours(text: string): Range[] | null {
  const parts = text
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const out: Range[] = [];
  for (const p of parts) {
    const m = /^(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})$/.exec(p);
    if (!m) return null;
    out.push([Number(m[1]) * 60 + Number(m[2]), Number(m[3]) * 60 + Number(m[4])]);
  }
  return out;
}

export function parseHolidays(text: string): Holiday[] | null {
  const out: Holiday[] = [];
  for (const line of text
    .split("\n")
    .map((s) => s.trim())
    .filter(Boolean)) {
    const m = /^(\d{4}-\d{2}-\d{2})(?:\.\.(\d{4}-\d{2}-\d{2}))?\s*(\*)?$/.exec(line);
    if (!m) return null;
    out.push({ from: m[1], ...(m[2] ? { to: m[2] } : {}), ...(m[3] ? { yearly: true } : {}) });
  }
  return out;
}

/** Business-hours calendars: the list and the form that writes one (sla.manage). */
export function SlaCalendarManager({ calendars }: { calendars: CalendarView[] }) {
  const { t } = useT();
  const trpc = useTRPC();
  const router = useRouter();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [done, setDone] = useState<string | null>(null);
  const [local, setLocal] = useState<Record<string, string[]>>({});
  const save = useMutation(trpc.sla.saveCalendar.mutationOptions());
  const remove = useMutation(trpc.sla.deleteCalendar.mutationOptions());
  const errors = { ...fieldErrorsOf(save.error), ...local };

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const week = draft.week.map(parseHours);
    const holidays = parseHolidays(draft.holidays);
    const bad: Record<string, string[]> = {};
    week.forEach((w, i) => {
      if (w === null) bad[`day${i}`] = [t("sla.calendars.badHours")];
    });
    if (holidays === null) bad.holidays = [t("sla.calendars.badHoliday")];
    setLocal(bad);
    if (Object.keys(bad).length) return;
    save.mutate(
      { id: draft.id, name: draft.name, timeZone: draft.timeZone, week: week as Range[][], holidays: holidays! },
      {
        onSuccess: () => {
          setDraft(EMPTY);
          setDone(t("sla.calendars.saved"));
          router.refresh();
        },
      },
    );
  }

  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <section aria-label={t("sla.calendars.title")} className="space-y-3">
        {done && (
          <p role="status" className="text-sm text-green-800">
            {done}
          </p>
        )}
        <FormError message={formErrorOf(remove.error, t("common.error"))} />
        {calendars.length === 0 ? (
          <p className="text-sm text-slate-700">{t("sla.calendars.none")}</p>
        ) : (
          <ul className="space-y-3" data-testid="calendar-list">
            {calendars.map((c) => (
              <li key={c.id}>
                <Card className="space-y-2">
                  <h2 className="font-semibold">
                    {c.name} · {c.timeZone}
                  </h2>
                  <p className="text-xs text-slate-700">
                    {toDraft(c)
                      .week.map((d, i) => `${t(`sla.day.${i}`)}: ${d || "—"}`)
                      .join(" · ")}
                  </p>
                  <div className="flex gap-2">
                    <button type="button" className={secondaryButtonClass} onClick={() => setDraft(toDraft(c))}>
                      {t("sla.admin.edit")}
                    </button>
                    <button
                      type="button"
                      className={secondaryButtonClass}
                      onClick={() => remove.mutate({ id: c.id }, { onSuccess: () => router.refresh() })}
                    >
                      {t("sla.admin.delete")}
                    </button>
                  </div>
                </Card>
              </li>
            ))}
          </ul>
        )}
      </section>
      <Card>
        <form onSubmit={onSubmit} className="space-y-3" noValidate>
          <h2 className="text-lg font-semibold">{draft.id ? t("sla.admin.edit") : t("sla.calendars.new")}</h2>
          <FormError message={formErrorOf(save.error, t("common.error"))} />
          <Field id="cal-name" label={t("sla.calendars.name")} errors={errors.name}>
            {(a) => (
              <input {...a} value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} className={inputClass} />
            )}
          </Field>
          <Field id="cal-zone" label={t("sla.calendars.timeZone")} errors={errors.timeZone}>
            {(a) => (
              <input
                {...a}
                value={draft.timeZone}
                onChange={(e) => setDraft({ ...draft, timeZone: e.target.value })}
                className={inputClass}
              />
            )}
          </Field>
          {draft.week.map((d, i) => (
            <Field
              key={i}
              id={`cal-day${i}`}
              label={t("sla.calendars.hours", { day: t(`sla.day.${i}`) })}
              errors={errors[`day${i}`] ?? (i === 0 ? errors.week : undefined)}
            >
              {(a) => (
                <input
                  {...a}
                  value={d}
                  onChange={(e) => setDraft({ ...draft, week: draft.week.map((w, j) => (j === i ? e.target.value : w)) })}
                  className={inputClass}
                />
              )}
            </Field>
          ))}
          <Field id="cal-holidays" label={t("sla.calendars.holidays")} errors={errors.holidays}>
            {(a) => (
              <textarea
                {...a}
                rows={4}
                value={draft.holidays}
                onChange={(e) => setDraft({ ...draft, holidays: e.target.value })}
                className={inputClass}
              />
            )}
          </Field>
          <div className="flex gap-2">
            <button type="submit" className={buttonClass} disabled={save.isPending}>
              {t("sla.calendars.save")}
            </button>
            {draft.id && (
              <button type="button" className={secondaryButtonClass} onClick={() => setDraft(EMPTY)}>
                {t("sla.calendars.new")}
              </button>
            )}
          </div>
        </form>
      </Card>
    </div>
  );
}
