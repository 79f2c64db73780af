import "server-only";
import type { SeedTicket } from "./types";

/** English tickets that are solved or closed. */
export const TICKETS_EN_RESOLVED: SeedTicket[] = [
  {
    from: "dana",
    daysAgo: 12.3,
    priority: "urgent",
    status: "closed",
    assignee: "sam",
    subject: "Checkout returns 502 after this morning's deploy",
    description:
      'Our developer deployed the new shipping options this morning and since then nobody can pay. The checkout page shows "502 Bad Gateway" after clicking Pay. We are losing orders every minute.',
    pageUrl: "https://shop.example.com/checkout",
    steps: '1. Add any product to the cart\n2. Go to checkout and fill in the address\n3. Click "Pay now"',
    expected: "The payment page of the payment provider opens.",
    actual: 'After about 30 seconds: "502 Bad Gateway" (nginx).',
    thread: [
      { after: 6, by: "dana", say: "Still happening. Three customers have emailed us already." },
      {
        after: 4,
        by: "sam",
        say: "I'm looking at it right now. The application server restarts every time checkout is opened, so it's not the payment provider. I'll update you within 15 minutes.",
      },
      {
        after: 9,
        by: "sam",
        note: "PHP-FPM workers segfault on /checkout: the deploy added the ext-intl polyfill and it collides with the intl extension. Pavel, can you confirm which PHP extensions changed on web-3 last week?",
      },
      {
        after: 7,
        by: "pavel",
        note: "Nothing changed on our side since the 3rd. It is their vendor/ folder: they committed symfony/polyfill-intl-icu with the deploy.",
      },
      {
        after: 12,
        by: "sam",
        say: "Found it: the deploy added a library that clashes with the server's built-in internationalisation module, and the checkout crashes while formatting prices. I've rolled back to yesterday's release, so checkout works again. Please ask your developer to remove symfony/polyfill-intl-icu from composer.json before deploying again; I've left the details of the crash in your deploy log.",
      },
      { after: 20, by: "dana", say: "Orders are coming in again. Thank you so much for the quick help!" },
    ],
  },
  {
    from: "dana",
    daysAgo: 17.5,
    priority: "high",
    status: "solved",
    assignee: "pavel",
    subject: "Browser shows a certificate warning on shop.example.com",
    description:
      'Chrome shows "Your connection is not private" when I open the shop without www. With www it works. A customer sent me a screenshot from her phone, so it\'s not just my computer.',
    pageUrl: "https://shop.example.com/",
    expected: "The shop opens without a warning, with or without www.",
    actual: "NET::ERR_CERT_COMMON_NAME_INVALID for the address without www.",
    thread: [
      {
        after: 45,
        by: "pavel",
        say: "Your certificate was renewed last night for www.shop.example.com only; the name without www was left out because its DNS record pointed to the old server for a few hours during your move. The record is correct now, so I've issued a new certificate that covers both names. Could you check it from your phone?",
      },
      { after: 30, by: "dana", say: "No warning anymore on my phone or laptop. Will it happen again at the next renewal?" },
      {
        after: 15,
        by: "pavel",
        say: "It shouldn't: both names now point to this server, and renewal checks both of them. We also get an alert if a renewal leaves a name out, so we'd catch it before your customers do.",
      },
    ],
  },
  {
    from: "dana",
    daysAgo: 15.8,
    priority: "low",
    status: "closed",
    assignee: "irina",
    subject: "Question about our latest invoice",
    description:
      "Our latest invoice is €18 higher than the one before and I can't see why. We didn't change the plan. Could you explain the extra line \"Additional storage\"?",
    thread: [
      {
        after: 200,
        by: "irina",
        say: "The extra line is for backup storage: your shop's backups grew past the 20 GB included in your plan on the 9th of last month, mostly because of the product photos. It's charged per started 10 GB. If you'd like, we can keep 14 days of backups instead of 30, which would bring you back under the limit.",
      },
      { after: 90, by: "dana", say: "That makes sense. Yes, 14 days is enough for us." },
      { after: 25, by: "irina", say: "Done. Backup retention is now 14 days; the next invoice won't have the extra line." },
    ],
  },
  {
    from: "tom",
    daysAgo: 11.6,
    priority: "normal",
    status: "solved",
    assignee: "sam",
    subject: "Staging site access for a freelancer",
    description:
      "A freelance developer, Jonas, is helping us with the bakery client's redesign. He needs SFTP and database access to the staging site only, not production and not our other clients. What's the best way?",
    thread: [
      {
        after: 60,
        by: "sam",
        say: "The cleanest way is a separate SFTP user limited to the staging folder, plus a database user that can only use the staging database. Please send me Jonas's SSH public key (never a password) and I'll set both up. You can remove his access yourself later under Users in the panel.",
      },
      { after: 120, by: "tom", say: "Here it is: ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHk2example jonas@laptop" },
      {
        after: 35,
        by: "sam",
        note: "Created sftp user bakery-stg-jonas chrooted to /sites/bakery/staging, DB user with grants on bakery_staging only. Expires in 60 days.",
      },
      {
        after: 5,
        by: "sam",
        say: "Jonas can now connect as bakery-stg-jonas to staging.example.net on port 22. The database details are in the panel under Staging → Database. The access expires automatically in 60 days.",
      },
      { after: 80, by: "tom", say: "He's in. Thanks, Sam!" },
    ],
  },
  {
    from: "tom",
    daysAgo: 2.7,
    priority: "low",
    status: "solved",
    subject: "Is there a maintenance window this weekend?",
    description: "We're launching a client's site on Saturday morning. Is any maintenance planned this weekend that could cause downtime?",
    thread: [
      {
        after: 130,
        by: "irina",
        say: "The next maintenance window is Sunday 02:00–04:00 UTC for the database servers; your sites may be read-only for up to 10 minutes during that time. Nothing is planned for Saturday, so your launch is safe. We post every maintenance window on our status page a week ahead.",
      },
      { after: 50, by: "tom", say: "Perfect, thanks." },
    ],
  },
  {
    from: "tom",
    daysAgo: 19.4,
    priority: "low",
    status: "closed",
    assignee: "pavel",
    subject: "Daily backup emails stopped",
    description:
      'We used to get a daily "Backup completed" email for each client site. Nothing since Thursday. Are the backups still running?',
    thread: [
      {
        after: 100,
        by: "pavel",
        say: "The backups are running every night; you can see them under Backups in the panel. The emails stopped because your notification address bounced (the mailbox was full), and after three bounces we stop sending. I've turned the emails back on.",
      },
      { after: 60, by: "tom", say: "Right, that was our old shared inbox. I've changed the address to ops@ in the panel." },
    ],
  },
  {
    from: "priya",
    daysAgo: 10.2,
    priority: "high",
    status: "solved",
    assignee: "pavel",
    subject: "Please restore a deleted blog post from backup",
    description:
      'One of our editors accidentally deleted the post "Ten years of street food in Lisbon" yesterday afternoon, and emptied the trash. It had 60 comments. Can you get it back from a backup? Nothing else should be touched, we published new posts since.',
    pageUrl: "https://magazine.example.net/2019/street-food-lisbon",
    thread: [
      {
        after: 40,
        by: "pavel",
        say: "Yes, we can restore only that post and its comments from last night's backup, without touching anything else. It will take about an hour. I'll restore it as a draft so you can check it before publishing.",
      },
      {
        after: 15,
        by: "pavel",
        note: "Restoring the backup into a scratch DB, then copying post 4812, its postmeta, comments and commentmeta. Attachments still exist on disk.",
      },
      {
        after: 70,
        by: "pavel",
        say: "The post is back as a draft with all 60 comments and its photos. Once you publish it, it keeps its old address, so existing links will work again.",
      },
      { after: 45, by: "priya", say: "It's perfect. You saved our editor's week!" },
    ],
  },
  {
    from: "priya",
    daysAgo: 20.6,
    priority: "normal",
    status: "closed",
    assignee: "sam",
    subject: "Newsletter signup box disappeared from the sidebar",
    description:
      "The newsletter signup box in the sidebar is gone on all pages. The widget is still there in the admin. It was there on Friday.",
    pageUrl: "https://magazine.example.net/",
    thread: [
      {
        after: 90,
        by: "sam",
        say: "The widget is still in place, but the newsletter service's script is blocked because its address changed to a new domain on Saturday. I've added the new address to your site's security policy, and the box shows again.",
      },
      { after: 240, by: "priya", say: "Yes, it's back. Thanks!" },
    ],
  },
  {
    from: "marcus",
    daysAgo: 7.7,
    priority: "high",
    status: "solved",
    assignee: "sam",
    subject: "Donation page times out on mobile",
    description:
      "Several donors told us the donation page spins forever on their phones and then shows an error. On my laptop it works, but slowly.",
    pageUrl: "https://greenway.example.org/donate",
    steps: "1. Open the donation page on a phone using mobile data\n2. Choose an amount and tap Continue",
    expected: "The payment form opens within a few seconds.",
    actual: 'The spinner runs for about a minute, then "Gateway Timeout".',
    thread: [
      {
        after: 55,
        by: "sam",
        say: "The page loads the donor map from an external service on every visit, and that service is currently answering in 40–60 seconds. On mobile data the page gives up before it finishes. I've made the map load after the form instead, so the form no longer waits for it.",
      },
      {
        after: 10,
        by: "sam",
        note: "Deferred map.js, added a 3 s timeout to the server-side call to the stats API. Form TTFB down from 38 s to 0.4 s.",
      },
      { after: 120, by: "marcus", say: "I tried it on my phone on 4G and it's fast now. Thank you!" },
    ],
  },
  {
    from: "marcus",
    daysAgo: 18.1,
    priority: "low",
    status: "closed",
    assignee: "pavel",
    subject: "Please raise the PHP memory limit",
    description: "Our events calendar plugin says it needs at least 256 MB of PHP memory and we have 128. Can you raise it?",
    thread: [
      {
        after: 150,
        by: "pavel",
        say: "Done: the limit is now 256 MB for your site. The plugin's status page should show a green check now.",
      },
      { after: 45, by: "marcus", say: "It does. Thanks." },
    ],
  },
  {
    from: "marcus",
    daysAgo: 1.4,
    priority: "low",
    status: "solved",
    assignee: "irina",
    subject: "Where do I change our billing address?",
    description: "We moved offices. I can't find where to update the address that appears on our invoices.",
    thread: [
      {
        after: 95,
        by: "irina",
        say: "You'll find it under Account → Billing → Company details. The change applies to the next invoice; if you need the current one reissued with the new address, just tell me.",
      },
      { after: 30, by: "marcus", say: "Found it, thanks. The next invoice is fine." },
    ],
  },
];
