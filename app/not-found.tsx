import Link from "next/link";
import { getT } from "@/lib/i18n/server";

export default async function NotFound() {
  const { t } = await getT();
  return (
    <div className="mx-auto max-w-lg py-16 text-center">
      <h1 className="text-3xl font-bold">{t("error.notFound.title")}</h1>
      <p className="mt-3 text-slate-700">{t("error.notFound.body")}</p>
      <Link href="/" className="mt-6 inline-block font-semibold text-blue-800 underline">{t("nav.home")}</Link>
    </div>
  );
}
