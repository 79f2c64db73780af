import "server-only";
import { notFound, redirect } from "next/navigation";
import { headers } from "next/headers";
import { TRPCError } from "@trpc/server";
import type { Actor } from "../context";
import { can, type Permission } from "./permissions";
import { getActor } from "./session";

/** For pages: sends a visitor to sign in, and answers "not found" to a signed-in user without the permission. */
export async function requireActor(permission?: Permission): Promise<Actor> {
  const actor = await getActor();
  if (!actor) {
    const path = (await headers()).get("x-mayak-path") ?? "/";
    redirect(`/signin?callbackUrl=${encodeURIComponent(path)}`);
  }
  if (permission && !can(actor, permission)) notFound();
  return actor;
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
