/** English strings of the security guards (argon2 pool, text fields). Keys start with "security.". */
export const securityEn = {
  "security.err.busy": "Too many sign-ins at once. Please try again in a few seconds.",
  "security.err.controlChars": "Remove the control characters from this text",
} as const;
