import type { twoFactorEn } from "./two-factor.en";

/** Русские строки двухфакторной аутентификации. */
export const twoFactorRu: Record<keyof typeof twoFactorEn, string> = {
  "twoFactor.err.required": "Введите код из приложения-аутентификатора",
  "twoFactor.err.invalid": "Код неверен или уже был использован. Попробуйте следующий.",
  "twoFactor.err.enrolmentRequired": "Для вашей роли нужна двухфакторная аутентификация: сначала настройте её.",
  "twoFactor.err.enabled": "Двухфакторная аутентификация уже включена",
  "twoFactor.err.notEnabled": "Двухфакторная аутентификация не включена",
  "twoFactor.err.noEnrolment": "Начните настройку заново: она отменена или ещё не начата",
  "twoFactor.err.proof": "Введите код из приложения-аутентификатора, код восстановления или пароль",
  "twoFactor.err.password": "Неверный пароль",
  "twoFactor.err.code": "Введите 6 цифр из приложения-аутентификатора или код восстановления",
  "twoFactor.err.self": "Свою двухфакторную аутентификацию отключайте на странице своего аккаунта",
};
