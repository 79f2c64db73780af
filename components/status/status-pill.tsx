import type { ComponentStatus } from "@/server/db/schema";
import type { Translator } from "@/lib/i18n";

/**
 * A component's current status: a coloured dot and the words (colour is never the only signal). Short classes
 * (status-page.css): the pill repeats for every component of a page sent to every visitor.
 */
export function StatusPill({ status, t }: { status: ComponentStatus; t: Translator }) {
  return <span className={`sp sp-${status}`}>{t(`status.component.${status}`)}</span>;
}
