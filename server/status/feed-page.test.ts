import { describe, expect, it } from "vitest";
import { renderFeedPage } from "./feed-page";
import type { Feed } from "./feeds";

const feed: Feed = {
  title: "Mayak: incidents and maintenance",
  link: "https://status.example/status",
  selfLink: "https://status.example/api/status/feed.rss",
  updated: Date.UTC(2026, 11, 3, 10),
  items: [
    {
      id: "i1",
      title: 'Checkout <script>alert("x")</script> slow',
      link: "https://status.example/status/incidents/1",
      published: Date.UTC(2026, 11, 2),
      updated: Date.UTC(2026, 11, 2, 12),
      summary: "",
    },
  ],
};

describe("renderFeedPage: a feed's address opened in a browser", () => {
  it("says what the feed is, gives its address to copy, lists the entries escaped", () => {
    const html = renderFeedPage(feed, "en", "rss");
    expect(html).toContain('<html lang="en">');
    expect(html).toContain("<h1>This is the status page&apos;s RSS feed</h1>");
    expect(html).toContain("<code>https://status.example/api/status/feed.rss</code>");
    expect(html).toContain("Checkout &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; slow");
    expect(html).not.toContain("<script");
    expect(html).toContain('<a href="https://status.example/status">Back to the status page</a>');
  });

  it("speaks Russian on the Russian feed, and says so when there is nothing yet", () => {
    const html = renderFeedPage({ ...feed, items: [] }, "ru", "atom");
    expect(html).toContain('<html lang="ru">');
    expect(html).toContain("<h1>Это лента Atom страницы статуса</h1>");
    expect(html).toContain("Пока пусто");
  });
});
