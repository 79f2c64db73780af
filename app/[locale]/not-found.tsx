"use client";
import Link from "next/link";
import { useT } from "@/lib/i18n/client";

export default function NotFound() {
  const { t, locale } = useT();
  return (
    <main id="main" className="mx-auto max-w-lg flex-1 px-4 py-16 text-center">
      <h1 className="text-3xl font-bold">{t("error.notFound.title")}</h1>
      <p className="mt-3 text-slate-700">{t("error.notFound.body")}</p>
      <p className="mt-6 flex justify-center gap-6">
        <Link href="/" className="font-semibold text-blue-800 underline">
          {t("nav.home")}
        </Link>
        <Link href={locale === "ru" ? "/ru/help" : "/help"} className="font-semibold text-blue-800 underline">
          {t("nav.help")}
        </Link>
      </p>
    </main>
  );
}
