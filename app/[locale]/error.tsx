"use client";
import { useT } from "@/lib/i18n/client";

export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  const { t } = useT();
  return (
    <main id="main" className="mx-auto max-w-lg flex-1 px-4 py-16 text-center">
      <h1 className="text-3xl font-bold">{t("error.generic.title")}</h1>
      <button type="button" onClick={reset} className="mt-6 font-semibold text-blue-800 underline">
        {t("error.generic.retry")}
      </button>
    </main>
  );
}
