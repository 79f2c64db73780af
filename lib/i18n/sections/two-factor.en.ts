/** English strings of two-factor authentication (server/two-factor, the sign-in step, account and admin). Keys start with "twoFactor.". */
export const twoFactorEn = {
  "twoFactor.err.required": "Enter the code from your authenticator app",
  "twoFactor.err.invalid": "That code is not right, or it was used already. Try the next one.",
  "twoFactor.err.enrolmentRequired": "Your role requires two-factor authentication: set it up first.",
  "twoFactor.err.enabled": "Two-factor authentication is on already",
  "twoFactor.err.notEnabled": "Two-factor authentication is not on",
  "twoFactor.err.noEnrolment": "Start the setup again: it has been cancelled or has not begun",
  "twoFactor.err.proof": "Enter a code from your authenticator app, a recovery code, or your password",
  "twoFactor.err.password": "Wrong password",
  "twoFactor.err.code": "Enter the 6 digits from your authenticator app or a recovery code",
  "twoFactor.err.self": "Use your own account page to turn off your own two-factor authentication",
} as const;
