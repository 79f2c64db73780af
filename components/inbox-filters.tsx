import Link from "next/link";
import type { Locale, Translator } from "@/lib/i18n";
import { INBOX_SORTS, TICKET_PRIORITIES, TICKET_STATUSES } from "@/lib/tickets";
import { inboxHref, type InboxUrlState } from "@/lib/inbox-url";
import { inputClass, secondaryButtonClass, buttonClass } from "./ui";

interface Options {
  staff: { id: number; name: string }[];
  teams: { id: number; name: string }[];
  categories: { id: number; nameEn: string; nameRu: string }[];
  curatedTags: string[];
}

function Select({ name, label, value, children }: { name: string; label: string; value: string; children: React.ReactNode }) {
  return (
    <label className="block text-sm">
      <span className="mb-1 block font-medium text-slate-800">{label}</span>
      <select name={name} defaultValue={value} className={inputClass}>
        {children}
      </select>
    </label>
  );
}

function Text({
  name,
  label,
  value,
  type = "text",
  list,
  hint,
}: {
  name: string;
  label: string;
  value?: string;
  type?: string;
  list?: string;
  hint?: string;
}) {
  return (
    <label className="block text-sm">
      <span className="mb-1 block font-medium text-slate-800">{label}</span>
      <input name={name} type={type} defaultValue={value ?? ""} list={list} placeholder={hint} className={inputClass} />
    </label>
  );
}

/**
 * The filters as a plain GET form: applying them is a navigation, so the whole list state is in the URL
 * (shareable, the back button returns to the previous filters) and it works without JavaScript.
 */
export function InboxFilters({ state, options, t, locale }: { state: InboxUrlState; options: Options; t: Translator; locale: Locale }) {
  const any = <option value="">{t("inbox.filter.any")}</option>;
  return (
    <details className="mb-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm" open={hasFilters(state)}>
      <summary className="cursor-pointer text-sm font-semibold text-slate-900">{t("inbox.filters")}</summary>
      <form method="get" action="/inbox" className="mt-4 grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        {state.view !== "open" && <input type="hidden" name="view" value={state.view} />}
        {state.sv && <input type="hidden" name="sv" value={state.sv} />}
        <Select name="status" label={t("inbox.filter.status")} value={state.status ?? ""}>
          {any}
          {TICKET_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`status.${s}`)}
            </option>
          ))}
        </Select>
        <Select name="priority" label={t("inbox.filter.priority")} value={state.priority ?? ""}>
          {any}
          {TICKET_PRIORITIES.map((p) => (
            <option key={p} value={p}>
              {t(`priority.${p}`)}
            </option>
          ))}
        </Select>
        <Select name="assignee" label={t("inbox.filter.assignee")} value={state.assignee === undefined ? "" : String(state.assignee)}>
          {any}
          <option value="me">{t("inbox.filter.me")}</option>
          <option value="none">{t("inbox.filter.nobody")}</option>
          {options.staff.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </Select>
        <Select name="team" label={t("inbox.filter.team")} value={state.team ? String(state.team) : ""}>
          {any}
          {options.teams.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </Select>
        <Text name="tag" label={t("inbox.filter.tag")} value={state.tag} list="inbox-curated-tags" />
        <datalist id="inbox-curated-tags">
          {options.curatedTags.map((tag) => (
            <option key={tag} value={tag} />
          ))}
        </datalist>
        <Select name="category" label={t("inbox.filter.category")} value={state.category ? String(state.category) : ""}>
          {any}
          {options.categories.map((c) => (
            <option key={c.id} value={c.id}>
              {locale === "ru" ? c.nameRu : c.nameEn}
            </option>
          ))}
        </Select>
        <Text name="requester" label={t("inbox.filter.requester")} value={state.requester} hint={t("inbox.filter.requesterHint")} />
        <Select name="sort" label={t("inbox.sort")} value={state.sort}>
          {INBOX_SORTS.map((s) => (
            <option key={s} value={s}>
              {t(`inbox.sort.${s}`)}
            </option>
          ))}
        </Select>
        <Text name="cf" type="date" label={t("inbox.filter.createdFrom")} value={state.cf} />
        <Text name="ct" type="date" label={t("inbox.filter.createdTo")} value={state.ct} />
        <Text name="uf" type="date" label={t("inbox.filter.updatedFrom")} value={state.uf} />
        <Text name="ut" type="date" label={t("inbox.filter.updatedTo")} value={state.ut} />
        <div className="flex flex-wrap items-end gap-2 sm:col-span-2 lg:col-span-4">
          <button type="submit" className={buttonClass}>
            {t("inbox.filter.apply")}
          </button>
          <Link href={inboxHref({ view: state.view, sort: "urgent" })} className={secondaryButtonClass}>
            {t("inbox.filter.clear")}
          </Link>
        </div>
      </form>
    </details>
  );
}

export function hasFilters(s: InboxUrlState): boolean {
  return (
    [s.status, s.priority, s.assignee, s.team, s.tag, s.category, s.requester, s.cf, s.ct, s.uf, s.ut].some((v) => v !== undefined) ||
    s.sort !== "urgent"
  );
}
