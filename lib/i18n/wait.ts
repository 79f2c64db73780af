import type { Locale } from "./index";

// Units in the form a sentence needs after "wait" / «подождите» (accusative in Russian: минуту, минуты, минут).
const UNITS: Record<Locale, Record<"second" | "minute" | "hour", Partial<Record<Intl.LDMLPluralRule, string>>>> = {
  en: {
    second: { one: "second", other: "seconds" },
    minute: { one: "minute", other: "minutes" },
    hour: { one: "hour", other: "hours" },
  },
  ru: {
    second: { one: "секунду", few: "секунды", many: "секунд", other: "секунды" },
    minute: { one: "минуту", few: "минуты", many: "минут", other: "минуты" },
    hour: { one: "час", few: "часа", many: "часов", other: "часа" },
  },
};

/**
 * How long to wait, rounded up to a unit a person reads at a glance: "45 seconds", "3 minutes", "2 hours";
 * in Russian «45 секунд», «3 минуты», «2 часа».
 */
export function formatWait(locale: Locale, seconds: number): string {
  const s = Math.max(1, Math.ceil(seconds));
  const [n, unit] =
    s < 60 ? [s, "second" as const] : s < 2 * 3600 ? [Math.ceil(s / 60), "minute" as const] : [Math.ceil(s / 3600), "hour" as const];
  const forms = UNITS[locale][unit];
  const word = forms[new Intl.PluralRules(locale === "ru" ? "ru-RU" : "en-GB").select(n)] ?? forms.other!;
  return `${n} ${word}`;
}
