/** English strings of newcomer polish: titles, forms, locale notices. */
export const firstHourEn = {
  // An article address in one language for an article written only in the other.
  "firstHour.otherLanguage.crumb": "Article in another language",
  "firstHour.otherLanguage.title.en": "This article is only in English",
  "firstHour.otherLanguage.title.ru": "This article is only in Russian",
  "firstHour.otherLanguage.lead.en":
    "We haven't translated it yet. Open the English original, or pick an article in your language on the same topic.",
  "firstHour.otherLanguage.lead.ru":
    "We haven't translated it into English yet. You can open the Russian original, or pick an article in English on the same topic.",
  "firstHour.otherLanguage.sameTopic": "In English, on the same topic: {category}",
} as const;
