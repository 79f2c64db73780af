import "server-only";
import { cache } from "react";
import { notFound, redirect } from "next/navigation";
import { headers } from "next/headers";
import { TRPCError } from "@trpc/server";
import type { Actor } from "../context";
import { can, type Permission } from "./permissions";
import { getActor } from "./session";
import { getDb } from "../db";
import { enrolmentDue } from "../two-factor/policy";
import { twoFactorDefaults } from "../two-factor/config";

/**
 * For pages: sends a visitor to sign in, and answers "not found" to a signed-in user without the permission.
 * Someone whose role requires a second factor they have not set up is sent to set it up (the API refuses them
 * everything else too), except on the page where they do (`enrolling`).
 */
export async function requireActor(permission?: Permission, opts: { enrolling?: boolean } = {}): Promise<Actor> {
  const actor = await getActor();
  if (!actor) {
    const path = (await headers()).get("x-mayak-path") ?? "/";
    redirect(`/signin?callbackUrl=${encodeURIComponent(path)}`);
  }
  if (!opts.enrolling) await requireSecondFactorIfDue(actor);
  if (permission && !can(actor, permission)) notFound();
  return actor;
}

// Once per request, however many layouts and pages ask.
const enrolmentDueNow = cache((id: number, role: Actor["role"]) => enrolmentDue(getDb(), { id, role }, twoFactorDefaults()));

/**
 * Sends someone whose role requires a second factor they have not set up to set it up (and back here after),
 * unless this is that page. For the signed-in layout and requireActor.
 */
export async function requireSecondFactorIfDue(actor: Actor): Promise<void> {
  const path = (await headers()).get("x-mayak-path") ?? "/";
  if (/^(\/ru)?\/account\/two-factor(\?|$)/.test(path)) return;
  if (await enrolmentDueNow(actor.id, actor.role)) redirect(`/account/two-factor?callbackUrl=${encodeURIComponent(path)}`);
}

/** Turns an API "not found" into the page's 404. */
export async function orNotFound<T>(p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (err) {
    if (err instanceof TRPCError && err.code === "NOT_FOUND") notFound();
    throw err;
  }
}
