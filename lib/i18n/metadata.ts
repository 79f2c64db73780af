import type { Metadata } from "next";
import { getT } from "./server";
import type { MessageKey } from "./en";

/** A page's <title> in the reader's language: `export const generateMetadata = titled("inbox.title")`. */
export function titled(key: MessageKey) {
  return async (): Promise<Metadata> => ({ title: (await getT()).t(key) });
}
