import type { Metadata } from "next";
import { getT } from "./server";
import type { MessageKey } from "./en";
import type { Translator } from "./index";

/** A page's <title> in the reader's language: `export const generateMetadata = titled("inbox.title")`. */
export function titled(key: MessageKey) {
  return async (): Promise<Metadata> => ({ title: (await getT()).t(key) });
}

/**
 * The <title> of a page about one thing, named after it ("#123 Subject", "Edit: How to report an incident"):
 * `make` reads it (through the API, so a reader without access gets the generic `fallback`, not the name).
 */
export function titledBy<P>(fallback: MessageKey, make: (params: P, t: Translator) => Promise<string>) {
  return async ({ params }: { params: Promise<P> }): Promise<Metadata> => {
    const { t } = await getT();
    try {
      return { title: await make(await params, t) };
    } catch {
      return { title: t(fallback) };
    }
  };
}
