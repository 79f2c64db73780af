import "server-only";
import type { Locale } from "@/lib/i18n";
import type { serverApi } from "@/server/trpc/server";

type Api = Awaited<ReturnType<typeof serverApi>>;

/**
 * The status components a monitor can belong to, named in the reader's language (the monitors API names
 * them in English only). Everyone who manages monitors may read the status setup.
 */
export async function componentChoices(api: Api, locale: Locale): Promise<{ id: number; name: string }[]> {
  const { components } = await api.status.components.list();
  return components.map((c) => ({ id: c.id, name: locale === "ru" ? c.nameRu : c.nameEn }));
}

/** A monitor's component name in the reader's language, from `componentChoices`. */
export function componentName(choices: { id: number; name: string }[], id: number | null): string | null {
  return id === null ? null : (choices.find((c) => c.id === id)?.name ?? null);
}
