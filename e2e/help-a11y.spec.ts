import { expect } from "./helpers";
import { checkPagesAccessible, type PageToCheck } from "./accessibility";

/** Each page is checked once, in a state that shows its interactive parts (open dropdown, open form). */
const pages: PageToCheck[] = [
  { path: "/help", heading: "Help center" },
  {
    path: "/help/articles/restore-a-deleted-page-or-post",
    heading: "Restoring a deleted page, post or file",
    prepare: async (page) => {
      // The "No" answer's form: radio group, comment field, Send.
      await page.getByRole("button", { name: "No" }).click();
      await expect(page.getByRole("group", { name: "What was wrong?" })).toBeVisible();
    },
  },
  {
    path: "/ru/faq#shifruyutsya-li-rezervnye-kopii",
    heading: "Частые вопросы",
    prepare: async (page) => {
      // An entry opened from its #link, and the header's instant search with its list open.
      await expect(page.locator("details#shifruyutsya-li-rezervnye-kopii")).toHaveJSProperty("open", true);
      const search = page.getByRole("combobox", { name: "Поиск по центру помощи" });
      await search.fill("резервная копия");
      await expect(page.getByRole("listbox")).toBeVisible();
      await search.press("ArrowDown");
      await expect(page.getByRole("option").first()).toHaveAttribute("aria-selected", "true");
    },
  },
  { path: "/help/search?q=backup", heading: "Search" },
  { path: "/kb", as: "agent", heading: "Articles" },
  { path: "/kb/new", as: "agent", heading: "New article" },
];

checkPagesAccessible(pages);
