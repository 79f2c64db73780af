import { NextResponse } from "next/server";
import { z } from "zod";
import { serverApi } from "@/server/trpc/server";
import { LOCALE_COOKIE, LOCALES } from "@/lib/i18n";
import { safeCallbackPath } from "@/lib/safe-callback-path";
import { appUrl } from "@/server/env";

// Only paths on this site: never an open redirect.
const ZBack = z.unknown().transform((v) => safeCallbackPath(v, appUrl()));
const FORM_ERROR = "Send a form with locale=en or locale=ru";
const ZForm = z.object({ locale: z.enum(LOCALES), back: ZBack, back_en: ZBack.optional(), back_ru: ZBack.optional() });

function switchTo(locale: "en" | "ru", back: string): NextResponse {
  const res = new NextResponse(null, { status: 303, headers: { Location: back } });
  res.cookies.set(LOCALE_COOKIE, locale, { path: "/", maxAge: 365 * 24 * 3600, sameSite: "lax" });
  return res;
}

/**
 * The language switch: a cookie for everyone and, for a signed-in user, the account's setting.
 * A page with a translation at another address (a help article) sends `back_en` / `back_ru`.
 */
export async function POST(req: Request) {
  // A missing, broken or non-form body is the sender's mistake, not ours.
  const form = await req.formData().catch(() => null);
  const parsed = ZForm.safeParse(form ? Object.fromEntries(form) : null);
  if (!parsed.success) return NextResponse.json({ error: FORM_ERROR }, { status: 400 });
  const { locale } = parsed.data;
  // A signed-in user's account keeps the choice, through the same procedure as any other client.
  const api = await serverApi();
  if (await api.account.me()) await api.account.setLocale({ locale });
  return switchTo(locale, parsed.data[`back_${locale}`] ?? parsed.data.back);
}

/** Used after sign-in on a new browser: adopt the account's language here too (changes nothing stored). */
export async function GET(req: Request) {
  const url = new URL(req.url);
  const parsed = z
    .object({ to: z.enum(LOCALES), back: ZBack })
    .safeParse({ to: url.searchParams.get("to"), back: url.searchParams.get("back") ?? "/" });
  if (!parsed.success) return NextResponse.json({ error: "Choose en or ru" }, { status: 400 });
  return switchTo(parsed.data.to, parsed.data.back);
}
