import type { Locale } from "@/lib/i18n";
import { localePath } from "@/lib/i18n/paths";

/** A plain GET form to the results page: works before and without JavaScript. */
export function HelpSearchForm({
  locale,
  label,
  placeholder,
  submit,
  defaultValue,
}: {
  locale: Locale;
  label: string;
  placeholder: string;
  submit: string;
  defaultValue?: string;
}) {
  return (
    <form action={localePath(locale, "/help/search")} method="get" role="search" className="mt-5 flex max-w-xl gap-2">
      <label htmlFor="help-q" className="sr-only">
        {label}
      </label>
      <input
        id="help-q"
        name="q"
        type="search"
        defaultValue={defaultValue}
        placeholder={placeholder}
        className="w-full rounded-md border border-slate-300 bg-white px-4 py-2 text-slate-900 placeholder:text-slate-500"
      />
      <button type="submit" className="rounded-md bg-amber-400 px-4 py-2 font-semibold text-slate-900 hover:bg-amber-300">
        {submit}
      </button>
    </form>
  );
}
