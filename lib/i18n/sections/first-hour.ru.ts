import type { firstHourEn } from "./first-hour.en";

/** Russian strings of newcomer polish: titles, forms, locale notices: the same keys as first-hour.en.ts. */
export const firstHourRu: Record<keyof typeof firstHourEn, string> = {
  "firstHour.otherLanguage.crumb": "Статья на другом языке",
  "firstHour.otherLanguage.title.en": "Эта статья есть только на английском",
  "firstHour.otherLanguage.title.ru": "Эта статья есть только на русском",
  "firstHour.otherLanguage.lead.en":
    "Мы ещё не перевели её на русский. Откройте английский оригинал или выберите статью на русском на ту же тему.",
  "firstHour.otherLanguage.lead.ru":
    "Мы ещё не перевели её на английский. Откройте оригинал на русском или выберите статью на английском на ту же тему.",
  "firstHour.otherLanguage.sameTopic": "На русском в разделе «{category}»",
};
