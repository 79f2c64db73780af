import type { securityEn } from "./security.en";

/** Russian strings of the security guards: the same keys as security.en.ts. */
export const securityRu: Record<keyof typeof securityEn, string> = {
  "security.err.busy": "Слишком много входов одновременно. Попробуйте ещё раз через несколько секунд.",
  "security.err.controlChars": "Уберите из текста управляющие символы",
};
