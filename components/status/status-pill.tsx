import type { ComponentStatus } from "@/server/db/schema";
import type { Translator } from "@/lib/i18n";
import { STATUS_DOT, STATUS_TEXT } from "./status-style";

/** A component's current status: a coloured dot and the words (colour is never the only signal). */
export function StatusPill({ status, t }: { status: ComponentStatus; t: Translator }) {
  return (
    <span className={`inline-flex items-center gap-1.5 text-sm font-semibold ${STATUS_TEXT[status]}`}>
      <span aria-hidden="true" className={`inline-block h-2.5 w-2.5 rounded-full ${STATUS_DOT[status]}`} />
      {t(`status.component.${status}`)}
    </span>
  );
}
