/** English strings of help-center search: synonyms, answers, content gaps. */
export const searchEn = {} as const;
