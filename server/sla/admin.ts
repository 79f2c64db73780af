import "server-only";
import { z } from "zod";
import type { DB, Tx } from "../db";
import type { RequestCtx } from "../context";
import { can } from "../auth/permissions";
import { AppError, notFound } from "../errors";
import { recordAudit } from "../audit/record-audit";
import { transact } from "../db/transact";
import { fromJson, toJson } from "../db/json";
import { msg } from "@/lib/i18n";
import { addBusinessMs } from "./business-time";
import {
  ZCalendarInput,
  ZPolicyInput,
  type PolicyConditions,
  type PolicyTargets,
  type TCalendarInput,
  type TPolicyInput,
} from "./policies";
import { requestRecompute } from "./recompute";

/**
 * Calendars and policies, for leads and admins (sla.manage). Every change is audited and sends the open tickets
 * through a recompute (server/sla/recompute.ts); what was already met or missed stays recorded as it was.
 */

export const ZSaveCalendar = ZCalendarInput.extend({ id: z.number().int().positive().optional() });
export const ZSavePolicy = ZPolicyInput.extend({ id: z.number().int().positive().optional() });
export const ZId = z.object({ id: z.number().int().positive() });
export const ZMovePolicy = ZId.extend({ direction: z.enum(["up", "down"]) });

function guard(ctx: RequestCtx): void {
  if (!can(ctx.actor, "sla.manage")) throw notFound(msg("sla.err.notFound"));
}

export interface CalendarView extends TCalendarInput {
  id: number;
}
export interface PolicyView extends TPolicyInput {
  id: number;
  position: number;
}

export async function findSlaSetup(db: DB, ctx: RequestCtx): Promise<{ calendars: CalendarView[]; policies: PolicyView[] }> {
  guard(ctx);
  const [cals, pols] = await Promise.all([
    db.selectFrom("sla_calendars").selectAll().orderBy("name").execute(),
    db.selectFrom("sla_policies").selectAll().orderBy("position").orderBy("id").execute(),
  ]);
  return {
    calendars: cals.map((c) => ({
      id: c.id,
      name: c.name,
      timeZone: c.time_zone,
      week: fromJson(c.week_json)!,
      holidays: fromJson(c.holidays_json)!,
    })),
    policies: pols.map((p) => ({
      id: p.id,
      position: p.position,
      name: p.name,
      calendarId: p.calendar_id,
      conditions: fromJson<PolicyConditions>(p.conditions_json)!,
      targets: fromJson<PolicyTargets>(p.targets_json)!,
      breachAction: p.breach_action,
    })),
  };
}

async function nameTaken(trx: Tx, table: "sla_calendars" | "sla_policies", name: string, id: number | undefined): Promise<void> {
  const clash = await trx.selectFrom(table).select("id").where("name", "=", name).executeTakeFirst();
  if (clash && clash.id !== id) throw new AppError("CONFLICT", msg("sla.err.nameTaken"), "name");
}

export async function saveCalendar(db: DB, ctx: RequestCtx, raw: z.input<typeof ZSaveCalendar>): Promise<{ id: number }> {
  guard(ctx);
  const input = ZSaveCalendar.parse(raw);
  const cal = { timeZone: input.timeZone, week: input.week, holidays: input.holidays };
  try {
    addBusinessMs(cal, ctx.now(), 0);
  } catch {
    throw new AppError("INVALID_INPUT", msg("sla.err.calendarClosed"), "week");
  }
  const now = ctx.now();
  const row = {
    name: input.name,
    time_zone: input.timeZone,
    week_json: toJson(input.week)!,
    holidays_json: toJson(input.holidays)!,
    updated_at: now,
  };
  return transact(db, async (trx) => {
    await nameTaken(trx, "sla_calendars", input.name, input.id);
    let id = input.id;
    let before: unknown;
    if (id === undefined) {
      id = Number(
        (
          await trx
            .insertInto("sla_calendars")
            .values({ ...row, created_at: now })
            .executeTakeFirstOrThrow()
        ).insertId,
      );
    } else {
      const old = await trx.selectFrom("sla_calendars").selectAll().where("id", "=", id).executeTakeFirst();
      if (!old) throw notFound(msg("sla.err.notFound"));
      before = { name: old.name, timeZone: old.time_zone, week: fromJson(old.week_json), holidays: fromJson(old.holidays_json) };
      await trx.updateTable("sla_calendars").set(row).where("id", "=", id).execute();
      await requestRecompute(trx, now);
    }
    await recordAudit(trx, ctx, {
      action: input.id ? "sla.calendar_updated" : "sla.calendar_created",
      entityType: "sla_calendar",
      entityId: id,
      before,
      after: cal,
    });
    return { id };
  });
}

export async function deleteCalendar(db: DB, ctx: RequestCtx, raw: z.input<typeof ZId>): Promise<void> {
  guard(ctx);
  const { id } = ZId.parse(raw);
  await transact(db, async (trx) => {
    const old = await trx.selectFrom("sla_calendars").selectAll().where("id", "=", id).executeTakeFirst();
    if (!old) throw notFound(msg("sla.err.notFound"));
    if (await trx.selectFrom("sla_policies").select("id").where("calendar_id", "=", id).executeTakeFirst())
      throw new AppError("CONFLICT", msg("sla.err.calendarInUse"));
    await trx.deleteFrom("sla_calendars").where("id", "=", id).execute();
    await recordAudit(trx, ctx, { action: "sla.calendar_deleted", entityType: "sla_calendar", entityId: id, before: { name: old.name } });
  });
}

export async function savePolicy(db: DB, ctx: RequestCtx, raw: z.input<typeof ZSavePolicy>): Promise<{ id: number }> {
  guard(ctx);
  const input = ZSavePolicy.parse(raw);
  const now = ctx.now();
  const row = {
    name: input.name,
    calendar_id: input.calendarId,
    conditions_json: toJson(input.conditions)!,
    targets_json: toJson(input.targets)!,
    breach_action: input.breachAction,
    updated_at: now,
  };
  return transact(db, async (trx) => {
    await nameTaken(trx, "sla_policies", input.name, input.id);
    if (
      input.calendarId !== null &&
      !(await trx.selectFrom("sla_calendars").select("id").where("id", "=", input.calendarId).executeTakeFirst())
    )
      throw new AppError("INVALID_INPUT", msg("sla.err.notFound"), "calendarId");
    let id = input.id;
    let before: unknown;
    if (id === undefined) {
      const last = await trx.selectFrom("sla_policies").select("position").orderBy("position", "desc").limit(1).executeTakeFirst();
      id = Number(
        (
          await trx
            .insertInto("sla_policies")
            .values({ ...row, position: (last?.position ?? 0) + 1, created_at: now })
            .executeTakeFirstOrThrow()
        ).insertId,
      );
    } else {
      const old = await trx.selectFrom("sla_policies").selectAll().where("id", "=", id).executeTakeFirst();
      if (!old) throw notFound(msg("sla.err.notFound"));
      before = {
        name: old.name,
        calendarId: old.calendar_id,
        conditions: fromJson(old.conditions_json),
        targets: fromJson(old.targets_json),
        breachAction: old.breach_action,
      };
      await trx.updateTable("sla_policies").set(row).where("id", "=", id).execute();
    }
    await requestRecompute(trx, now);
    const { id: _omit, ...after } = input;
    await recordAudit(trx, ctx, {
      action: input.id ? "sla.policy_updated" : "sla.policy_created",
      entityType: "sla_policy",
      entityId: id,
      before,
      after,
    });
    return { id };
  });
}

export async function deletePolicy(db: DB, ctx: RequestCtx, raw: z.input<typeof ZId>): Promise<void> {
  guard(ctx);
  const { id } = ZId.parse(raw);
  await transact(db, async (trx) => {
    const old = await trx.selectFrom("sla_policies").selectAll().where("id", "=", id).executeTakeFirst();
    if (!old) throw notFound(msg("sla.err.notFound"));
    if (await trx.selectFrom("sla_clocks").select("id").where("policy_id", "=", id).limit(1).executeTakeFirst())
      throw new AppError("CONFLICT", msg("sla.err.policyInUse"));
    await trx.updateTable("tickets").set({ sla_policy_id: null }).where("sla_policy_id", "=", id).where("is_open", "=", 0).execute();
    await trx.deleteFrom("sla_policies").where("id", "=", id).execute();
    await requestRecompute(trx, ctx.now());
    await recordAudit(trx, ctx, { action: "sla.policy_deleted", entityType: "sla_policy", entityId: id, before: { name: old.name } });
  });
}

/** Swaps a policy with its neighbour in the order (the first match wins, so order is meaning). */
export async function movePolicy(db: DB, ctx: RequestCtx, raw: z.input<typeof ZMovePolicy>): Promise<void> {
  guard(ctx);
  const { id, direction } = ZMovePolicy.parse(raw);
  await transact(db, async (trx) => {
    const all = await trx.selectFrom("sla_policies").select(["id", "position"]).orderBy("position").orderBy("id").execute();
    const i = all.findIndex((p) => p.id === id);
    if (i < 0) throw notFound(msg("sla.err.notFound"));
    const j = direction === "up" ? i - 1 : i + 1;
    if (j < 0 || j >= all.length) return;
    [all[i], all[j]] = [all[j], all[i]];
    for (const [k, p] of all.entries())
      await trx
        .updateTable("sla_policies")
        .set({ position: k + 1 })
        .where("id", "=", p.id)
        .execute();
    await requestRecompute(trx, ctx.now());
    await recordAudit(trx, ctx, {
      action: "sla.policy_moved",
      entityType: "sla_policy",
      entityId: id,
      after: { order: all.map((p) => p.id) },
    });
  });
}
