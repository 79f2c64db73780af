/** English strings of personal data, erasure, retention and the audit export. Keys start with "privacy.". */
export const privacyEn = {
  "privacy.nav.account": "Account",
  "privacy.nav.retention": "Data retention",

  "privacy.account.title": "Your account",
  "privacy.account.signedInAs": "Signed in as {name} ({email}).",
  "privacy.data.title": "Your data",
  "privacy.data.lead":
    "Download everything we keep about you as one JSON file: your account, your tickets with their public conversation, your article feedback, your status subscriptions, and a record of your sign-ins and actions with the address they came from.",
  "privacy.data.download": "Download my data (JSON)",
  "privacy.delete.title": "Delete my account",
  "privacy.delete.lead":
    "Your name, email address and password are removed at once and you are signed out. Your tickets stay with the support team, without your name, address or page links, and can no longer be answered. This cannot be undone.",
  "privacy.delete.password": "Your password",
  "privacy.delete.passwordHint": "Type your password again to confirm that it is you.",
  "privacy.delete.button": "Delete my account",
  "privacy.delete.confirmTitle": "Delete your account?",
  "privacy.delete.confirmBody": "Your personal data is erased now. This cannot be undone.",
  "privacy.delete.confirm": "Delete for good",
  "privacy.delete.staff": "Staff accounts are removed by an admin.",

  "privacy.admin.back": "All users",
  "privacy.admin.section": "Personal data",
  "privacy.admin.tickets": "Tickets filed: {count}",
  "privacy.admin.created": "Account created: {date}",
  "privacy.admin.export": "Export data (JSON)",
  "privacy.admin.exportHint": "The file the customer would get from their account page.",
  "privacy.admin.erase": "Erase personal data",
  "privacy.admin.eraseTitle": "Erase {name} ({email})? This cannot be undone.",
  "privacy.admin.eraseBody":
    "Name, email address and password are removed and every session ends. Open tickets are closed; the conversation stays for the team without their name, address or page links. Their mail in the outbox and their status subscriptions are deleted, and their personal data leaves the audit trail.",
  "privacy.admin.eraseConfirm": "Erase",
  "privacy.admin.erased": "Personal data erased on {date}.",
  "privacy.admin.notErasable": "Staff accounts are not erased: disable the account instead.",

  "privacy.retention.title": "Data retention",
  "privacy.retention.lead": "Rules the server applies every hour. Both are off until you give a number of days.",
  "privacy.retention.tickets": "Closed tickets",
  "privacy.retention.ticketDays": "Remove closed tickets after (days)",
  "privacy.retention.ticketDaysHint": "Counted from the ticket's last change. Leave empty to keep them.",
  "privacy.retention.action": "What happens to them",
  "privacy.retention.delete": "Delete them with their messages",
  "privacy.retention.anonymise": "Anonymise them: keep times, status, priority and people for reports, remove every text",
  "privacy.retention.audit": "Audit trail",
  "privacy.retention.auditDays": "Delete audit events after (days)",
  "privacy.retention.auditDaysHint":
    "At least 30. Leave empty to keep them. A checkpoint keeps the hash of the last deleted event, so the rest of the chain still verifies.",
  "privacy.retention.save": "Save",
  "privacy.retention.saved": "Saved.",
  "privacy.retention.updated": "Last changed by {name} on {date}.",
  "privacy.retention.never": "Not changed yet: everything is kept.",

  "privacy.audit.export": "Export for an auditor",
  "privacy.audit.exportHint":
    "Events between the dates above (all of them when empty), oldest first. Each file carries the chain head and ends with the SHA-256 of everything before it.",
  "privacy.audit.csv": "Download CSV",
  "privacy.audit.json": "Download JSON",
  "privacy.audit.redacted": "Redacted: {fields}",

  "privacy.err.notCustomer": "Only customer accounts can be erased; disable a staff account instead",
  "privacy.err.alreadyErased": "This account has already been erased",
  "privacy.err.password": "Wrong password",
  "privacy.err.passwordEmpty": "Type your password",
  "privacy.err.ticketDays": "Give between 1 and 36,500 days, or leave it empty",
  "privacy.err.auditDays": "Give between 30 and 36,500 days, or leave it empty",
} as const;
