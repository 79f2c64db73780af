import type { CheckResult, MonitorState } from "@/server/db/schema";
import type { Translator } from "@/lib/i18n";
import { Badge } from "@/components/ui";

// Reuses the ticket badge colours: green up, orange degraded, red down, blue pending, grey paused.
const STYLE: Record<MonitorState, string> = { up: "solved", degraded: "high", down: "open", pending: "pending", paused: "closed" };

export function StateBadge({ state, t }: { state: MonitorState; t: Translator }) {
  return <Badge kind={STYLE[state]}>{t(`monitoring.state.${state}`)}</Badge>;
}

export function ResultBadge({ result, t }: { result: CheckResult; t: Translator }) {
  return <Badge kind={STYLE[result]}>{t(`monitoring.result.${result}`)}</Badge>;
}
