"use client";
import { usePathname, useSearchParams } from "next/navigation";
import type { Locale } from "@/lib/i18n";

/** A plain form: works without JavaScript, and the choice persists (cookie, and the account when signed in). */
export function LocaleSwitch({ locale, label, names }: { locale: Locale; label: string; names: Record<Locale, string> }) {
  const pathname = usePathname();
  const search = useSearchParams();
  const back = pathname + (search.size ? `?${search}` : "");
  return (
    <form action="/api/locale" method="post" className="flex items-center gap-1">
      <input type="hidden" name="back" value={back} />
      <label htmlFor="locale-select" className="sr-only">{label}</label>
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
      <noscript><button type="submit" className="text-sm underline">OK</button></noscript>
    </form>
  );
}
