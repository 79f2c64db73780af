import { NextResponse } from "next/server";
import { z } from "zod";
import { getDb } from "@/server/db";
import { getRequestCtx } from "@/server/auth/session";
import { setOwnLocale } from "@/server/users/find-users";
import { LOCALE_COOKIE } from "@/lib/i18n";

const ZForm = z.object({
  locale: z.enum(["en", "ru"]),
  // Only paths on this site: never an open redirect.
  back: z.string().regex(/^\/(?!\/)[^\s]*$/).max(2000).catch("/"),
});

/** Switches the language: a cookie for everyone, and the account's setting for a signed-in user. */
export async function POST(req: Request) {
  const form = Object.fromEntries(await req.formData());
  const parsed = ZForm.safeParse(form);
  if (!parsed.success) return NextResponse.json({ error: "Choose en or ru" }, { status: 400 });
  const ctx = await getRequestCtx();
  await setOwnLocale(getDb(), ctx, parsed.data.locale);
  const res = new NextResponse(null, { status: 303, headers: { Location: parsed.data.back } });
  res.cookies.set(LOCALE_COOKIE, parsed.data.locale, { path: "/", maxAge: 365 * 24 * 3600, sameSite: "lax" });
  return res;
}
