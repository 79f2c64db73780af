"use client";
import { usePathname, useSearchParams } from "next/navigation";
import type { Locale } from "@/lib/i18n";
import { barePath, localePath } from "@/lib/i18n/paths";

/**
 * A plain form: works without JavaScript, and the choice persists (cookie, and the account when signed in).
 * Pages whose translation lives at another address pass `alternates`.
 */
export function LocaleSwitch({
  locale,
  label,
  names,
  apply,
  alternates,
}: {
  locale: Locale;
  label: string;
  names: Record<Locale, string>;
  /** The button that switches when JavaScript is off. */
  apply: string;
  alternates?: Partial<Record<Locale, string>>;
}) {
  const pathname = usePathname();
  const search = useSearchParams();
  const bare = barePath(pathname) + (search.size ? `?${search}` : "");
  return (
    <form action="/api/locale" method="post" className="flex items-center gap-1">
      <input type="hidden" name="back" value={bare} />
      <input type="hidden" name="back_en" value={alternates?.en ?? localePath("en", bare)} />
      <input type="hidden" name="back_ru" value={alternates?.ru ?? localePath("ru", bare)} />
      <label htmlFor="locale-select" className="sr-only">
        {label}
      </label>
      <select
        id="locale-select"
        name="locale"
        defaultValue={locale}
        className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
        onChange={(e) => e.currentTarget.form?.requestSubmit()}
      >
        <option value="en">{names.en}</option>
        <option value="ru">{names.ru}</option>
      </select>
      <noscript>
        <button type="submit" className="text-sm underline">
          {apply}
        </button>
      </noscript>
    </form>
  );
}
