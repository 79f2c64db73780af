/** English strings of newcomer polish: titles, forms, locale notices. */
export const firstHourEn = {
  // An article address in one language for an article written only in the other.
  "firstHour.otherLanguage.crumb": "Article in another language",
  "firstHour.otherLanguage.title.en": "This article is only in English",
  "firstHour.otherLanguage.title.ru": "This article is only in Russian",
  "firstHour.otherLanguage.lead.en":
    "We haven't translated it yet. Open the English original, or pick an article in your language on the same topic.",
  "firstHour.otherLanguage.lead.ru":
    "We haven't translated it into English yet. You can open the Russian original, or pick an article in English on the same topic.",
  "firstHour.otherLanguage.sameTopic": "In English, on the same topic: {category}",
  // The ticket form for a signed-out visitor, and the way back to it through sign-in or sign-up.
  "firstHour.ticket.guestNote":
    "You are not signed in. Write your ticket now: before it is sent, we will ask you to sign in or to create an account (free, about a minute). Our replies go to your email, and only you and our support team can see the ticket.",
  "firstHour.ticket.signInTitle": "Sign in to send your ticket",
  "firstHour.ticket.why":
    "We need to know who you are to reply to you by email, to keep the conversation in one place, and to make sure nobody else can read it.",
  "firstHour.ticket.kept":
    "What you typed is kept in this browser: once you are signed in, you are back at the form with everything in it.",
  "firstHour.ticket.choose": "Sign in or create an account",
  "firstHour.ticket.haveAccount": "I have an account",
  "firstHour.ticket.newHere": "I'm new here",
  "firstHour.ticket.restored": "We kept what you typed earlier. Check it and send the ticket.",
  "firstHour.signUp.comeBack":
    "Open the link in the email and confirm: you will then sign in and be back at your ticket, with what you typed.",
  "firstHour.signUp.signInToTicket": "Sign in and send your ticket",
  "firstHour.signIn.whyTickets": "Your tickets belong to your account: sign in to see them and to write to us.",
  "firstHour.signIn.whyAccount": "This page is part of your account: sign in to open it.",
  // The header: the phone's menu button and the staff menus.
  "firstHour.nav.menu": "Menu",
  "firstHour.nav.adminMenu": "Admin",
  "firstHour.nav.adminHome": "All admin pages",
  "firstHour.nav.group.desk": "Support desk",
  "firstHour.nav.group.people": "People and access",
  "firstHour.nav.group.status": "Status page and monitoring",
  "firstHour.nav.group.records": "Records and mail",
} as const;
