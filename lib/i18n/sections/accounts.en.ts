/**
 * English strings of account security: the password policy and its feedback (password.), password change,
 * reset by email (reset.) and sign-up confirmed by email (signUp.). Error sentences must stay unique across
 * the dictionary: the API localises them by their English text.
 */
export const accountsEn = {
  "password.hint": "At least 10 characters that are hard to guess and not made from your name or email. A few unrelated words work well.",
  "password.checking": "Checking the password…",
  "password.strong": "This password is strong enough.",
  "password.err.weak": "This password is too easy to guess",
  "password.err.derived": "Do not make the password from your name, your email address or the name of this site",
  "password.err.same": "Choose a password different from your current one",
  "password.err.wrongCurrent": "Your current password is not correct",

  // zxcvbn's feedback, by its key, in our own words.
  "password.warning.straightRow": "Straight rows of keys on the keyboard are easy to guess.",
  "password.warning.keyPattern": "Short keyboard patterns are easy to guess.",
  "password.warning.simpleRepeat": 'Repeated characters such as "aaa" are easy to guess.',
  "password.warning.extendedRepeat": 'Repeated groups such as "abcabcabc" are easy to guess.',
  "password.warning.sequences": 'Sequences such as "abc" or "123" are easy to guess.',
  "password.warning.recentYears": "Recent years are easy to guess.",
  "password.warning.dates": "Dates are easy to guess.",
  "password.warning.topTen": "This is one of the ten most used passwords.",
  "password.warning.topHundred": "This is one of the most used passwords.",
  "password.warning.common": "This is a commonly used password.",
  "password.warning.similarToCommon": "This is close to a commonly used password.",
  "password.warning.wordByItself": "A single word is easy to guess.",
  "password.warning.namesByThemselves": "Names and surnames on their own are easy to guess.",
  "password.warning.commonNames": "Common names and surnames are easy to guess.",
  "password.warning.userInputs": "It contains your name, your email address or the name of this site.",
  "password.warning.pwned": "This password has appeared in a data breach.",
  "password.suggestion.l33t": "Swapping letters for look-alikes (such as @ for a) does not help much.",
  "password.suggestion.reverseWords": "Words spelled backwards are still easy to guess.",
  "password.suggestion.allUppercase": "Capitals everywhere do not help: capitalise some letters, not all.",
  "password.suggestion.capitalization": "A capital first letter does not help much.",
  "password.suggestion.dates": "Leave out dates and years that have to do with you.",
  "password.suggestion.recentYears": "Leave out recent years.",
  "password.suggestion.associatedYears": "Leave out years that have to do with you.",
  "password.suggestion.sequences": 'Leave out sequences such as "abc" or "123".',
  "password.suggestion.repeated": "Leave out repeated words and characters.",
  "password.suggestion.longerKeyboardPattern": "Keyboard patterns need to be long and change direction often to help.",
  "password.suggestion.anotherWord": "Add another word or two that are less common.",
  "password.suggestion.useWords": "Use several words, but not a well-known phrase.",
  "password.suggestion.noNeed": "Symbols, digits and capitals are not required for a strong password.",
  "password.suggestion.pwned": "If you use this password anywhere else, change it there too.",

  "password.change.title": "Change password",
  "password.change.current": "Current password",
  "password.change.new": "New password",
  "password.change.submit": "Change password",
  "password.change.done": "Your password has been changed.",

  "reset.link": "Forgot your password?",
  "reset.request.title": "Reset your password",
  "reset.request.lead": "Enter the email address of your account and we will send you a link to choose a new password.",
  "reset.request.submit": "Send the link",
  "reset.request.sent":
    "If an account exists for {email}, we have sent it a link to choose a new password. The link works for 30 minutes, once. If nothing arrives within a few minutes, look in the spam folder.",
  "reset.title": "Choose a new password",
  "reset.lead": "Choose the new password for your account. The link works once.",
  "reset.submit": "Save the new password",
  "reset.done": "Your password has been changed. Sign in with the new one.",
  "reset.again": "Ask for a new link",
  "reset.err.invalid": "This reset link is invalid, has expired or has already been used. Ask for a new one.",
  "reset.email.subject": "Reset your Mayak password",
  "reset.email.body":
    "Hello {name},\n\nSomeone, hopefully you, asked to reset the password of your Mayak account.\nChoose a new password here within 30 minutes (the link works once):\n{link}\n\nIf you did not ask for this, ignore this message: your password stays as it is.\n\n— Mayak",

  "signUp.checkEmail":
    "Almost done: check your email. We have sent a message to {email} with the next step. If nothing arrives within a few minutes, look in the spam folder.",
  "signUp.confirm.title": "Confirm your email",
  "signUp.confirm.lead": "Press the button to finish creating your account.",
  "signUp.confirm.button": "Create my account",
  "signUp.confirm.done": "Your account is ready. Sign in with your email and the password you chose.",
  "signUp.err.linkInvalid": "This confirmation link is invalid or has expired. Sign up again to get a new one.",
  "signUp.email.confirm.subject": "Confirm your email to finish creating your Mayak account",
  "signUp.email.confirm.body":
    "Hello {name},\n\nConfirm your email address to finish creating your Mayak account:\n{link}\n\nThe link works for 24 hours. If you did not sign up, ignore this message and no account will be created.\n\n— Mayak",
  "signUp.email.existing.subject": "Someone tried to sign up with your email address",
  "signUp.email.existing.body":
    "Hello {name},\n\nSomeone, maybe you, tried to create a Mayak account with this email address. You already have an account, so nothing was created.\n\nTo sign in: {signIn}\nIf you forgot your password, reset it: {reset}\n\nIf it was not you, ignore this message: nothing has changed.\n\n— Mayak",
} as const;
