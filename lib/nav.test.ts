import { describe, expect, it } from "vitest";
import { translator } from "@/lib/i18n";
import { ROLE_PERMISSIONS } from "@/server/auth/permissions";
import { navItems } from "./nav";

const t = translator("en");
const labels = (role: keyof typeof ROLE_PERMISSIONS) =>
  navItems([...ROLE_PERMISSIONS[role]], t, "en").map((i) => ("href" in i ? i.label : `${i.label} ▾`));

describe("header navigation", () => {
  it("shows a visitor and a customer every link", () => {
    expect(labels("customer")).toEqual(["Help center", "FAQ", "Status", "My tickets", "New ticket", "Account"]);
    expect(navItems([], t, "en").map((i) => ("href" in i ? i.href : i.label))).toEqual(["/help", "/faq", "/status"]);
  });

  it("groups the staff's help-center links and the admin pages into menus", () => {
    expect(labels("agent")).toEqual(["Help center ▾", "Inbox", "Incidents", "Articles", "Admin ▾", "Account"]);
    expect(labels("admin")).toEqual(["Help center ▾", "Inbox", "Incidents", "Articles", "Admin ▾", "Account"]);
  });

  it("lists in the admin menu only the pages the role may open, in their groups", () => {
    const menu = (role: keyof typeof ROLE_PERMISSIONS) => {
      const admin = navItems([...ROLE_PERMISSIONS[role]], t, "en").find((i) => !("href" in i) && i.label === "Admin");
      return admin && !("href" in admin) ? admin.sections.map((s) => [s.title ?? "", ...s.links.map((l) => l.href)]) : null;
    };
    expect(menu("admin")).toEqual([
      ["", "/admin"],
      ["Support desk", "/admin/macros", "/admin/teams", "/admin/categories", "/admin/tags", "/admin/sla", "/admin/calendars"],
      ["People and access", "/admin/users", "/admin/security", "/admin/retention"],
      ["Status page and monitoring", "/admin/monitors", "/admin/status", "/admin/subscribers"],
      ["Records and mail", "/kb/analytics", "/admin/audit", "/admin/outbox"],
    ]);
    expect(menu("lead")).toEqual([
      ["", "/admin"],
      ["Support desk", "/admin/macros", "/admin/teams", "/admin/categories", "/admin/tags", "/admin/sla", "/admin/calendars"],
      ["Status page and monitoring", "/admin/monitors", "/admin/status", "/admin/subscribers"],
      ["Records and mail", "/kb/analytics", "/admin/audit"],
    ]);
    expect(menu("agent")).toEqual([
      ["", "/admin"],
      ["Support desk", "/admin/macros"],
    ]);
    expect(menu("customer")).toBeNull();
  });
});
