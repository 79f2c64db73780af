import { describe, expect, it } from "vitest";
import { describeEachDialect } from "@/tests/db";
import { apiAs, makeAdmin, makeAgent, makeCustomer } from "@/tests/factories";
import { describeAuditEvents, describeChange, type AuditChange, type ChangeLine } from "./describe-change";

const names = new Map([
  [7, "Anna"],
  [8, "Boris"],
]);
const at = Date.UTC(2026, 11, 3, 14, 30);

describe("describeChange", () => {
  const cases: [string, AuditChange, ChangeLine[], ChangeLine[]][] = [
    [
      "an assignee, as names",
      { entityType: "ticket", entityId: "1", before: { assigneeId: 7 }, after: { assigneeId: 8 } },
      [{ field: "Assignee", from: "Anna", to: "Boris" }],
      [{ field: "Исполнитель", from: "Anna", to: "Boris" }],
    ],
    [
      "unassigned, and a user that is gone",
      { entityType: "ticket", entityId: "1", before: { assigneeId: null }, after: { assigneeId: 99 } },
      [{ field: "Assignee", from: "—", to: "user #99" }],
      [{ field: "Исполнитель", from: "—", to: "пользователь №99" }],
    ],
    [
      "a ticket status",
      { entityType: "ticket", entityId: "1", before: { status: "open" }, after: { status: "pending" } },
      [{ field: "Status", from: "Open", to: "Pending" }],
      [{ field: "Статус", from: "Открыто", to: "Ждёт ответа клиента" }],
    ],
    [
      "an incident status is the incident's word, not the ticket's",
      { entityType: "incident", entityId: "3", before: { status: "investigating" }, after: { status: "resolved", resolvedAt: at } },
      [
        { field: "Status", from: "Investigating", to: "Resolved" },
        { field: "Resolved", to: "3 Dec 2026, 14:30 UTC" },
      ],
      [
        { field: "Статус", from: "Выясняем причину", to: "Устранён" },
        { field: "Решено", to: "3 дек. 2026 г., 14:30 UTC" },
      ],
    ],
    [
      "a role and a priority",
      { entityType: "user", entityId: "7", before: { role: "customer" }, after: { role: "admin" } },
      [{ field: "Role", from: "Customer", to: "Admin" }],
      [{ field: "Роль", from: "Клиент", to: "Администратор" }],
    ],
    [
      "booleans, and an unchanged field left out",
      { entityType: "user", entityId: "7", before: { disabled: false, name: "Anna" }, after: { disabled: true, name: "Anna" } },
      [{ field: "Disabled", from: "no", to: "yes" }],
      [{ field: "Отключён", from: "нет", to: "да" }],
    ],
    [
      "a value set with nothing before, with a translated reason",
      { entityType: "user", entityId: "7", before: null, after: { reason: "role_changed", sessions: 2 } },
      [
        { field: "Reason", to: "role changed" },
        { field: "Sessions ended", to: "2" },
      ],
      [
        { field: "Причина", to: "смена роли" },
        { field: "Завершено сеансов", to: "2" },
      ],
    ],
    [
      "an unknown field and value pass through; lists are joined; objects stay JSON",
      { entityType: "thing", entityId: "1", before: { colour: "red", ids: [1, 2] }, after: { colour: "blue", ids: [], config: { a: 1 } } },
      [
        { field: "colour", from: "red", to: "blue" },
        { field: "ids", from: "1, 2", to: "—" },
        { field: "config", to: '{"a":1}' },
      ],
      [
        { field: "colour", from: "red", to: "blue" },
        { field: "ids", from: "1, 2", to: "—" },
        { field: "config", to: '{"a":1}' },
      ],
    ],
    [
      "a removed field",
      { entityType: "ticket", entityId: "1", before: { priority: "high" }, after: {} },
      [{ field: "Priority", from: "High" }],
      [{ field: "Приоритет", from: "Высокий" }],
    ],
    [
      "every revocation reason has words",
      { entityType: "user", entityId: "7", before: null, after: { reason: "two_factor_reset" } },
      [{ field: "Reason", to: "two-factor reset by an admin" }],
      [{ field: "Причина", to: "сброс двухфакторной защиты администратором" }],
    ],
    ["nothing before or after", { entityType: "user", entityId: "7", before: null, after: null }, [], []],
  ];

  it.each(cases)("%s", (_title, event, en, ru) => {
    expect(describeChange("en", names, event)).toEqual(en);
    expect(describeChange("ru", names, event)).toEqual(ru);
  });
});

describeEachDialect("audit trail, readable", (use) => {
  it("the audit procedure resolves the people an event names, with the raw event kept", async () => {
    const db = use();
    const admin = await makeAdmin(db);
    const anna = await makeAgent(db);
    const customer = await makeCustomer(db);
    const { id } = await apiAs(db, customer).tickets.create({ subject: "Printer on fire", description: "It is on fire, please help." });
    await apiAs(db, admin).inbox.update({ ticketId: id, assigneeId: anna.id });
    await apiAs(db, admin).admin.setRole({ userId: customer.id, role: "agent" });

    const page = await apiAs(db, admin).admin.audit({ entityType: "ticket", entityId: String(id), action: "ticket.assigned" });
    expect(page.items[0]).toMatchObject({
      changes: [{ field: "Assignee", from: "—", to: anna.name }],
      before: { assigneeId: null },
      after: { assigneeId: anna.id },
    });
    const role = await apiAs(db, admin).admin.audit({ action: "user.role_changed", entityId: String(customer.id) });
    expect(role.items[0]).toMatchObject({ entityLabel: customer.name, changes: [{ field: "Role", from: "Customer", to: "Agent" }] });
    const rows = await describeAuditEvents(db, "ru", role.items);
    expect(rows[0].changes).toEqual([{ field: "Роль", from: "Клиент", to: "Агент" }]);
  });
});
