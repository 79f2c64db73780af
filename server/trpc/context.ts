import "server-only";
import { getDb } from "../db";
import { appUrl } from "../env";
import { getRequestCtx } from "../auth/session";
import type { TRPCContext } from "./init";
import { getLocale } from "@/lib/i18n/server";

export async function createTRPCContext(): Promise<TRPCContext> {
  return { ...(await getRequestCtx()), db: getDb(), appUrl: appUrl(), locale: await getLocale() };
}
