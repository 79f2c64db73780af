import "server-only";
import type { SeedTicket } from "./types";

/** English tickets still in progress: new, open, pending or on hold. */
export const TICKETS_EN_ACTIVE: SeedTicket[] = [
  {
    // Filed a little over an hour before "now" and not answered yet: its first response falls due within the hour
    // (the Infrastructure policy gives a normal ticket two hours), so the demo opens with a ticket in "Due soon".
    from: "marcus",
    daysAgo: 0.048,
    priority: "normal",
    status: "new",
    subject: "Certificate warning on the staging domain",
    description:
      'Since this morning Chrome shows "Your connection is not private" on staging.example.org. The live shop is fine. We test a new checkout there this afternoon, so it would be great to have it back before then.',
    pageUrl: "https://staging.example.org/",
    thread: [],
  },
  {
    from: "dana",
    daysAgo: 2.8,
    priority: "high",
    status: "open",
    assignee: "sam",
    subject: "Customers don't receive password reset emails",
    description:
      "Since the weekend several customers have written to us that they asked for a new password on the shop and the email never came. I tried it myself with my personal address and got nothing, not even in spam. Order confirmations still arrive fine.",
    pageUrl: "https://shop.example.com/account/forgot-password",
    steps:
      '1. Open the shop\'s sign-in page and click "Forgot password?"\n2. Enter the email of an existing customer account\n3. Wait 15 minutes and check the inbox and the spam folder',
    expected: "A password reset email arrives within a minute or two.",
    actual: 'The page says "Check your inbox", but no email ever arrives.',
    thread: [
      {
        after: 35,
        by: "sam",
        say: "Thanks for the clear steps, Dana. I can reproduce it with a test account. Order confirmations go through a different template, so that explains why those still work. I'm checking the mail log on your server now.",
      },
      {
        after: 20,
        by: "sam",
        note: 'Mail log shows the reset emails rejected by the relay: "sender address rejected: domain not verified". The shop plugin update on Saturday changed the From address to noreply@shop.example.com instead of orders@. Pavel, do we have SPF for the noreply subdomain anywhere?',
      },
      {
        after: 45,
        by: "pavel",
        note: "No, only orders@ is verified with the relay. Easiest fix is to set the From back to orders@ in the plugin settings; adding noreply@ needs a DNS change on her side.",
      },
      {
        after: 15,
        by: "sam",
        say: "Found it: the plugin update on Saturday changed the sender address of the reset emails to noreply@shop.example.com, and our mail relay refuses that address because it is not verified. Could you go to Settings → Emails → Sender in the shop admin and set it back to orders@shop.example.com? If you'd rather keep noreply@, I can send you the DNS record to add instead.",
      },
      {
        after: 180,
        by: "dana",
        say: "I changed it back to orders@. I'll ask one of the customers to try again tomorrow morning and let you know.",
      },
    ],
  },
  {
    from: "dana",
    daysAgo: 1.4,
    priority: "high",
    status: "open",
    assignee: "sam",
    subject: "Plugin update broke the product page layout",
    description:
      "I updated the gallery plugin from the dashboard this morning and now the product pages look broken: the photos are stacked full width on top of each other and the Add to cart button is pushed all the way to the bottom. The home page looks normal.",
    pageUrl: "https://shop.example.com/products/stoneware-mug",
    steps: "1. Open any product page\n2. Scroll down past the photos",
    expected: "A photo carousel on the left and the price and Add to cart button on the right, like before.",
    actual: "All photos are shown one under another at full width; the price and button are at the very bottom.",
    thread: [
      {
        after: 25,
        by: "sam",
        say: "Sorry about that. Version 4.0 of that gallery plugin renamed its CSS classes, and your theme still styles the old ones. I'll roll the plugin back to 3.9.2 now so your shop looks right again, then we can plan the update properly.",
      },
      {
        after: 30,
        by: "sam",
        note: "Rolled back to 3.9.2 and cleared the page cache. Product pages render correctly again. Theme needs .pg-gallery → .gallery-grid in product.css before we can update.",
      },
      {
        after: 10,
        by: "sam",
        say: "The plugin is back on 3.9.2 and the product pages look as before. Please don't update it again for now; your theme needs a small CSS change first. Would you like us to make that change on staging so you can check it before it goes live?",
      },
      {
        after: 95,
        by: "dana",
        say: "Thank you, it looks normal again! Yes please, do it on staging first. I'd like to see it on my phone as well before it goes live.",
      },
    ],
  },
  {
    from: "dana",
    daysAgo: 5.6,
    priority: "normal",
    status: "pending",
    assignee: "sam",
    subject: "Product photo uploads fail above 10 MB",
    description:
      "Our photographer sends full-size JPEGs of 12–20 MB. Every time I try to upload one to a product, the upload bar reaches about 80% and then I get an error. Smaller photos upload without a problem.",
    pageUrl: "https://shop.example.com/admin/products/new",
    steps: "1. Open Products → Add product\n2. Drag a JPEG larger than 10 MB into the image area",
    expected: "The photo uploads and appears in the product gallery.",
    actual: '"Upload failed: HTTP error" after the bar reaches about 80%.',
    thread: [
      {
        after: 50,
        by: "sam",
        say: "Your hosting plan limits a single upload to 10 MB, which is why only the big files fail. We can raise it to 32 MB on your plan. That said, 20 MB photos will slow your product pages down a lot; the shop resizes them, but it still stores and backs up the originals.",
      },
      { after: 40, by: "dana", say: "I understand. Could you raise it anyway? I don't have time to resize every photo by hand." },
      {
        after: 25,
        by: "sam",
        note: "Raised upload_max_filesize and post_max_size to 32M for this account, nginx client_max_body_size too. Suggested she turn on the resize-on-upload option.",
      },
      {
        after: 5,
        by: "sam",
        say: "Done: the limit is now 32 MB. There's also an option under Settings → Media → \"Resize large images on upload\" that shrinks originals to 2500 px. Could you try uploading one of the photographer's files again and tell me whether it works?",
      },
    ],
  },
  {
    from: "dana",
    daysAgo: 0.3,
    priority: "low",
    status: "new",
    subject: "Can I add a second admin for my shop?",
    description:
      "My business partner is taking over the bookkeeping and needs to see orders and invoices. Can I give her her own login instead of sharing mine? She doesn't need to change products.",
    thread: [],
  },
  {
    from: "dana",
    daysAgo: 8.1,
    priority: "normal",
    status: "pending",
    assignee: "pavel",
    subject: "Shipping cost shows 0 for international orders",
    description:
      "A customer from Canada just placed an order and paid no shipping at all. I tried with a German address and the checkout also shows shipping: 0.00. Domestic orders are fine.",
    pageUrl: "https://shop.example.com/checkout",
    steps:
      "1. Add any product to the cart\n2. At checkout, choose Germany or Canada as the country\n3. Look at the shipping line in the order summary",
    expected: "International flat rate of 24.00 is added.",
    actual: "Shipping: 0.00, and the order can be paid like that.",
    thread: [
      {
        after: 70,
        by: "pavel",
        say: 'Thank you for the details. Your "International" shipping zone currently has no countries in it: it looks like it was emptied when the zones were imported last week, so those orders fall back to the default zone with free shipping. I\'ve put back the countries from your backup of the 1st. Could you check that the list under Shipping → Zones → International is what you expect?',
      },
      {
        after: 30,
        by: "pavel",
        note: "Zone restored from the nightly DB backup (wp_shipping_zone_locations only). Waiting for her to confirm the country list before we close.",
      },
    ],
  },
  {
    from: "tom",
    daysAgo: 9.4,
    priority: "normal",
    status: "on_hold",
    assignee: "sam",
    subject: "Point the new domain beckerhale.example.com to our site",
    description:
      "We're rebranding and bought beckerhale.example.com at our registrar. Could you tell us which DNS records to set so that it shows our current agency site, and add it to the hosting account? The old domain should keep working and redirect to the new one.",
    thread: [
      {
        after: 40,
        by: "sam",
        say: "Congratulations on the new name! Please set these at your registrar:\n\nA     @    192.0.2.44\nCNAME www  beckerhale.example.com\n\nOnce they resolve to us, I'll add the domain to your account, issue the certificate and set up the redirect from the old domain.",
      },
      { after: 300, by: "tom", say: "Done, the records are saved at the registrar." },
      {
        after: 60,
        by: "sam",
        say: "Thanks. The domain doesn't resolve anywhere yet: it was registered yesterday, and a new registration can take up to 48 hours to become visible everywhere. I'll put this on hold and check again tomorrow; nothing else is needed from you for now.",
      },
      { after: 2, by: "sam", set: { status: "on_hold" } },
      {
        after: 1500,
        by: "sam",
        note: "Still NXDOMAIN from the registry's nameservers. Tom's registrar says the domain is \"pending verification\"; he needs to click the link in their email. Told him by phone.",
      },
    ],
  },
  {
    from: "tom",
    daysAgo: 3.5,
    priority: "high",
    status: "open",
    assignee: "pavel",
    subject: "Nightly cron job failing since Tuesday",
    description:
      "The nightly job that imports our client's product feed stopped working on Tuesday. The cron email says \"exit status 255\" and nothing else. We didn't change anything in the script.",
    steps: "1. Wait for the 02:00 run, or run `php bin/import-feed.php` over SSH\n2. Look at the output",
    expected: 'The feed is imported and the script prints "Imported N products".',
    actual: "It stops after a second with exit status 255 and no output.",
    thread: [
      {
        after: 90,
        by: "pavel",
        say: 'I ran the script by hand with error display on. It fails with "Call to undefined function mysql_connect()": on Tuesday the account was moved to PHP 8.2 as announced, and that function was removed years ago. The script needs to use mysqli or PDO instead.',
      },
      {
        after: 45,
        by: "tom",
        say: "Ah, that's an old script from the previous developer. Can you switch the cron back to PHP 7.4 for now? We'll rewrite it, but not this week.",
      },
      {
        after: 20,
        by: "pavel",
        note: "7.4 is end of life and not installed on the new cluster. I can make a compatibility shim, but it's better they fix the 3 calls. Irina, OK to offer a one-off paid fix?",
      },
      { after: 35, by: "irina", note: "Yes, offer it at one hour. If they say no, send them the diff anyway." },
      {
        after: 10,
        by: "pavel",
        say: "PHP 7.4 is no longer available on the new servers, sorry. The fix is small though: only three lines use the old functions. We can change them for you as a one-hour job, or I can send you the change so your team applies it. Which do you prefer?",
      },
    ],
  },
  {
    from: "tom",
    daysAgo: 0.9,
    priority: "high",
    status: "pending",
    assignee: "irina",
    subject: "Lost my phone, can't sign in with two-factor",
    description:
      "My phone was stolen yesterday and the authenticator app was on it. I can't get into the hosting control panel anymore. I have a new phone with the same number. How do I get access back?",
    thread: [
      {
        after: 20,
        by: "irina",
        say: "Sorry to hear that, Tom. To protect your account we need to confirm it is really you before we turn off two-factor sign-in. Please reply from the account's email address with the last four digits of the card on your latest invoice and the name of one of the sites on the account. Once confirmed, we'll reset two-factor and you can set it up on the new phone.",
      },
      {
        after: 10,
        by: "irina",
        note: "Do not reset on the phone number alone; SIM-swap risk. Wait for invoice details from the registered email.",
      },
    ],
  },
  {
    from: "tom",
    daysAgo: 0.2,
    priority: "normal",
    status: "new",
    subject: "Client site redirects in a loop after switching to HTTPS",
    description:
      'We turned on "Force HTTPS" for a client site in the panel and now the browser says "too many redirects". We turned it off again and the site works on http only.',
    pageUrl: "https://bakery.example.net/",
    steps: "1. Turn on Force HTTPS for bakery.example.net in the panel\n2. Open https://bakery.example.net/",
    expected: "The site opens over HTTPS.",
    actual: "ERR_TOO_MANY_REDIRECTS in Chrome and Firefox.",
    thread: [{ after: 15, by: "tom", say: "Forgot to say: the site uses a CDN in front of it, in case that matters." }],
  },
  {
    from: "priya",
    daysAgo: 1.1,
    priority: "high",
    status: "open",
    assignee: "sam",
    subject: "Site very slow since last night",
    description:
      "Since about 11 pm yesterday every page of the magazine takes 10–15 seconds to load, sometimes longer. Readers are complaining on social media. We didn't publish anything unusual.",
    pageUrl: "https://magazine.example.net/",
    thread: [
      { after: 15, by: "irina", set: { priority: "urgent" } },
      {
        after: 10,
        by: "sam",
        say: "I'm on it. The server is at 100% CPU and most of the requests come from a handful of addresses crawling your archive pages very fast. I'm adding a rate limit for them now; pages should get faster within a few minutes.",
      },
      {
        after: 25,
        by: "sam",
        note: "Blocked 6 IPs from a scraper (no UA), ~40 req/s on /archive/?page=N. Load back to 0.8. Page cache was also disabled on the 14th when she changed themes; should turn it back on.",
      },
      { after: 40, by: "priya", say: "It's much faster now, thank you! What happened?" },
      {
        after: 30,
        by: "sam",
        say: "A scraper was downloading every archive page as fast as it could. Normally your page cache would have absorbed that easily, but the cache was switched off when the theme was changed on the 14th. May I turn it back on? You'd see new posts with up to 5 minutes of delay for logged-out readers.",
      },
    ],
  },
  {
    from: "priya",
    daysAgo: 4.7,
    priority: "normal",
    status: "pending",
    assignee: "sam",
    subject: "Contact form flooded with spam",
    description:
      "We get 200+ spam messages a day through the contact form, mostly links to casinos and crypto. The real messages get lost in between. Is there anything we can do on the server side?",
    pageUrl: "https://magazine.example.net/contact",
    thread: [
      {
        after: 120,
        by: "sam",
        say: 'The form has no spam protection at the moment. Two things would help a lot: a hidden "honeypot" field, which bots fill in and people don\'t see, and a time check that drops messages sent less than three seconds after the page loaded. Both are built into your form plugin, and neither bothers real readers. Shall I turn them on?',
      },
      { after: 240, by: "priya", say: "Yes please, but no puzzles or picture tests, our readers hate those." },
      {
        after: 30,
        by: "sam",
        say: "Both are on now, without any puzzle. Could you let me know in a day or two how many spam messages still get through?",
      },
    ],
  },
  {
    from: "priya",
    daysAgo: 1.9,
    priority: "low",
    status: "new",
    subject: "RSS feed still shows posts from last month",
    description:
      "Our RSS feed at /feed stops at a post from four weeks ago. Everything newer is missing, so feed readers and our newsletter tool don't pick up new articles.",
    pageUrl: "https://magazine.example.net/feed",
    expected: "The feed lists the 20 newest posts.",
    actual: "The newest item is four weeks old.",
    thread: [],
  },
  {
    from: "priya",
    daysAgo: 0.6,
    priority: "normal",
    status: "new",
    subject: "Images not loading on the photo essay page",
    description:
      "On the long photo essay we published today, only the first five images load. The rest stay grey boxes, on desktop and on mobile. Other posts look fine.",
    pageUrl: "https://magazine.example.net/photo-essay-harbour-lights",
    steps: "1. Open the post\n2. Scroll past the fifth photo",
    expected: "Every photo loads as you scroll.",
    actual: "Grey placeholders from the sixth photo on.",
    thread: [],
  },
  {
    from: "marcus",
    daysAgo: 13.2,
    priority: "normal",
    status: "on_hold",
    assignee: "irina",
    subject: "GDPR request: export of all personal data you hold on us",
    description:
      "Under Article 15 GDPR, please send us a copy of all personal data you hold about our organisation's users of your services: contact details, sign-in logs and support messages. Our data protection officer needs it for our annual review.",
    thread: [
      {
        after: 180,
        by: "irina",
        say: "Thank you, Marcus. We have received your request and will answer it within one month, as the regulation requires. The export will include account and contact details, billing records, support tickets and sign-in logs from the last 90 days. We'll send it as an encrypted archive with the password by a separate channel.",
      },
      {
        after: 20,
        by: "irina",
        note: "Export script needs the new audit tables, Alexei is adding them. Holding until then; deadline is the 26th.",
      },
      { after: 5, by: "irina", set: { status: "on_hold" } },
      {
        after: 1440,
        by: "alexei",
        note: "Export now covers the audit trail. Will run it for this account on Monday and hand the archive to Irina.",
      },
    ],
  },
  {
    from: "marcus",
    daysAgo: 0.5,
    priority: "urgent",
    status: "open",
    subject: "Emails to our domain are bouncing",
    description:
      "Since this morning every email sent to @greenway.example.org bounces with \"550 5.1.1 mailbox unavailable\". We're in the middle of our winter appeal and donors can't reach us.",
    thread: [
      {
        after: 12,
        by: "alexei",
        note: "Their MX points to the old mail server we retired on Monday. Migration email went to a former employee's address. Pinging Sam.",
      },
      {
        after: 8,
        by: "alexei",
        say: "Your domain's mail (MX) record still points to our old mail server, which was retired on Monday. Our notice went to an address that no longer works at your organisation, sorry about that. Please change the MX record at your DNS provider to mx1.mail.example.com (priority 10). Mail sent after the change will arrive normally; I'm checking whether we can replay what bounced today.",
      },
      { after: 25, by: "marcus", say: "Changing it now. Please do try to get the bounced ones back, some are donations." },
    ],
  },
];
