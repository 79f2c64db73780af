/**
 * English strings of the account page (account.), its sessions (sessions.) and the confirmations of the admin
 * users page (admin.users.confirm…). Error sentences must stay unique across the dictionary: the API
 * localises them by their English text.
 */
export const accountPageEn = {
  "account.profile.title": "Name and email address",
  "account.name": "Name",
  "account.name.save": "Save the name",
  "account.name.saved": "Your name has been saved.",
  "account.email.current": "Your email address is {email}.",
  "account.email.new": "New email address",
  "account.email.hint": "We send a link to the new address; your address changes when it is opened, within 24 hours.",
  "account.email.password": "Password (to confirm it is you)",
  "account.email.passwordHint": "Asked so that a browser left signed in is not enough to move your account to another address.",
  "account.email.submit": "Send the confirmation link",
  "account.email.sent": "If {email} can receive it, a confirmation link is on its way there. Your address changes when you open it.",
  "account.email.pending": "Waiting for confirmation: {email} (the link works until {date}).",
  "account.email.err.passwordEmpty": "Type your password to change the address",
  "account.email.err.password": "The password is not right, so the address was not changed",
  "account.email.err.same": "This is already your email address",
  "account.email.err.link":
    "This confirmation link is invalid, has expired or has already been used. Ask for a new one on your account page.",
  "account.email.err.taken": "Another account uses this email address now, so yours was not changed",
  "account.email.confirmMail.subject": "Confirm your new email address for Mayak",
  "account.email.confirmMail.body":
    "Hello {name},\n\nTo use this address for your Mayak account, open this link within 24 hours (it works once):\n{link}\n\nIf you did not ask for this, ignore this message: nothing changes.\n\n— Mayak",
  "account.email.takenMail.subject": "Someone tried to move a Mayak account to your email address",
  "account.email.takenMail.body":
    "Hello,\n\nSomeone, maybe you, asked to use this email address for another Mayak account. This address already has an account, so nothing was changed.\n\nIf it was not you, ignore this message.\n\n— Mayak",
  "account.email.changedMail.subject": "Your Mayak email address was changed",
  "account.email.changedMail.body":
    "Hello {name},\n\nThe email address of your Mayak account is now {email}: messages and sign-in use it from now on.\n\nIf you did not do this, contact the support team at once.\n\n— Mayak",
  "account.confirmEmail.title": "Confirm your new email address",
  "account.confirmEmail.lead": "Press the button to use this address for your account.",
  "account.confirmEmail.button": "Use this address",
  "account.confirmEmail.done": "Your email address is now {email}.",
  "account.confirmEmail.missing": "This page needs the link from the confirmation email.",
  "account.confirmEmail.back": "Go to your account",

  "account.language.title": "Language",
  "account.language.lead": "Pages, and email from Mayak, come in this language.",
  "account.language.label": "Language of your account",
  "account.language.save": "Save the language",

  "account.notify.title": "Notifications",
  "account.notify.onDuty": "On duty: receive monitor alerts",
  "account.notify.onDutyHint":
    "When a monitor fails, staff on duty are alerted here and by email; an alert nobody acknowledges within ten minutes goes to the leads. While nobody is on duty, leads and admins receive the alerts.",
  "account.notify.customer":
    "We email you when the support team answers one of your tickets. Status page updates reach you only if you subscribe on the status page.",

  "sessions.title": "Where you are signed in",
  "sessions.lead":
    "Every browser signed in to your account. A session ends after {idle} without use, and {max} after sign-in at the latest.",
  "sessions.current": "This device",
  "sessions.unknownDevice": "Unknown browser",
  "sessions.detail": "Signed in {created} from {ip} · last active {seen}",
  "sessions.revoke": "Sign out",
  "sessions.revokeLabel": "Sign out {device}, last active {date}",
  "sessions.everywhere": "Sign out everywhere",
  "sessions.everywhereTitle": "Sign out everywhere?",
  "sessions.everywhereBody":
    "Every browser signed in to your account, this one included, is signed out at its next step. You will need your password to sign in again.",
  "sessions.days": "{n} days",
  "sessions.hours": "{n} hours",
  "sessions.minutes": "{n} minutes",
  "sessions.err.notFound": "This session has ended already",

  "admin.users.confirmRole.title": "Change the role of {name} ({email}) from {from} to {to}?",
  "admin.users.confirmRole.body": "{name} is signed out everywhere and signs in again as {to}.",
  "admin.users.confirmRole.admin": "An admin manages every user, role and setting, and reads the audit trail.",
  "admin.users.confirmRole.confirm": "Make {name} {to}",
  "admin.users.confirmDisable.title": "Disable {name} ({email})?",
  "admin.users.confirmDisable.body": "{name} is signed out everywhere at once and cannot sign in until the account is enabled again.",
  "admin.users.confirmEnable.title": "Enable {name} ({email}) again?",
  "admin.users.confirmEnable.body": "{name} can sign in again with their password.",
  "admin.users.disableLabel": "Disable {name}",
  "admin.users.enableLabel": "Enable {name}",
} as const;
