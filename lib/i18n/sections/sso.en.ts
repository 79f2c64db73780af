/** English strings of single sign-on for staff (server/auth/oidc.ts). Keys start with "sso.". */
export const ssoEn = {
  "sso.signInWith": "Sign in with {name}",
  "sso.or": "or",
  "sso.err.failed": "Single sign-on did not finish: the identity provider's answer could not be verified. Please try again.",
  "sso.err.unreachable": "The identity provider could not be reached. Please try again later, or sign in with your email and password.",
  "sso.err.email_missing": "Your identity provider did not send an email address, so there is no Mayak account to sign in to.",
  "sso.err.email_unverified": "Your identity provider has not verified your email address, so it cannot be matched to a Mayak account.",
  "sso.err.domain_not_allowed": "Single sign-on is not open to your email domain.",
  "sso.err.no_account": "There is no Mayak staff account for your email address. Ask an administrator to invite you.",
  "sso.err.no_role":
    "Your account at the identity provider is in no group that Mayak gives a staff role, so no account was created. Ask an administrator.",
  "sso.err.disabled": "This account is disabled. Ask an administrator.",
  "sso.err.not_staff": "Single sign-on is for staff accounts. Sign in with your email and password.",
} as const;
