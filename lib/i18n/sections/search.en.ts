/** English strings of help-center search: synonyms, answers, content gaps. */
export const searchEn = {
  // Answers on the results page and in the suggestions while a ticket is written
  "search.answer.label": "Answer from this article",
  // Locale honesty: a query in the other language
  "search.otherLocale": "Your search looks like Russian. Search the Russian help center for “{q}”?",
  "search.otherLocale.ru": "Your search looks like English. Search the English help center for “{q}”?",
  "search.otherLocale.link": "Search in Russian",
  "search.otherLocale.link.ru": "Search in English",
  // Synonyms admin
  "kb.synonyms.title": "Search synonyms",
  "kb.synonyms.lead":
    "Words customers use for the same thing. A search for any of them finds articles that use the others. Changes apply to the next search.",
  "kb.synonyms.terms": "Words and phrases",
  "kb.synonyms.termsHint": "Separate with commas, for example: down, outage, not working",
  "kb.synonyms.add": "Add group",
  "kb.synonyms.save": "Save",
  "kb.synonyms.delete": "Delete",
  "kb.synonyms.turnOff": "Turn off",
  "kb.synonyms.restore": "Turn back on",
  "kb.synonyms.resetShipped": "Back to the shipped version",
  "kb.synonyms.shipped": "Shipped with Mayak",
  "kb.synonyms.changed": "Changed by your team",
  "kb.synonyms.off": "Turned off",
  "kb.synonyms.custom": "Added by your team",
  "kb.synonyms.origin": "Origin",
  "kb.synonyms.saved": "Saved.",
  "kb.synonyms.none": "No synonyms in this language yet.",
  "kb.synonyms.link": "Synonyms",
  "err.synonymTerms": "Enter at least two different words or phrases, each up to 60 characters.",
  "err.synonymNotFound": "This synonym group no longer exists. Reload the page.",
  // Content gaps in the analytics
  "kb.gaps.title": "Searches that found nothing, grouped",
  "kb.gaps.lead": "Similar failed searches are counted together, with what would have answered them.",
  "kb.gaps.group": "Searches",
  "kb.gaps.suggestion": "Suggestion",
  "kb.gaps.addSynonym": "Add “{word}” as a synonym of “{to}”",
  "kb.gaps.article": "Closest article: {title}",
  "kb.gaps.language": "Typed in the other language: the reader may have missed the language switch",
  "kb.gaps.write": "No article is close: write one",
} as const;
