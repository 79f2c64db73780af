"use client";
import { useState } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { useT } from "@/lib/i18n/client";
import type { Translator } from "@/lib/i18n";
import type { MacroActions } from "@/server/macros/macros";
import { inputClass } from "./ui";

export interface AppliedMacro {
  macroId: number;
  body: string;
  /** What sending will also change, in words. */
  summary: string[];
}

/** The changes a macro brings, as the agent reads them before sending. */
export function summarizeActions(a: MacroActions, t: Translator): string[] {
  const out: string[] = [];
  if (a.status) out.push(`${t("ticket.status")}: ${t(`status.${a.status}`)}`);
  if (a.priority) out.push(`${t("ticket.priority")}: ${t(`priority.${a.priority}`)}`);
  if (a.assignee !== undefined)
    out.push(
      `${t("ticket.assignee")}: ${a.assignee === "me" ? t("macros.assignMe") : a.assignee === "none" ? t("macros.assignNone") : `#${a.assignee}`}`,
    );
  if (a.tags?.length) out.push(`+ ${a.tags.join(", ")}`);
  return out;
}

/** A menu of the agent's macros; choosing one fills the reply box with it, filled in for this ticket. */
export function MacroPicker({ ticketId, onApply }: { ticketId: number; onApply: (m: AppliedMacro) => void }) {
  const { t } = useT();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const macros = useQuery(trpc.macros.list.queryOptions());
  const [error, setError] = useState(false);
  if (!macros.data || macros.data.length === 0) return null;
  return (
    <div>
      <label htmlFor="macro-picker" className="block text-sm font-semibold text-slate-800">
        {t("macros.apply")}
      </label>
      <select
        id="macro-picker"
        className={`${inputClass} mt-1`}
        value=""
        onChange={async (e) => {
          const macroId = Number(e.target.value);
          if (!macroId) return;
          setError(false);
          try {
            const r = await queryClient.fetchQuery({ ...trpc.macros.render.queryOptions({ macroId, ticketId }), staleTime: 0 });
            onApply({ macroId, body: r.body, summary: summarizeActions(r.actions, t) });
          } catch {
            setError(true);
          }
        }}
      >
        <option value="">{t("macros.choose")}</option>
        {macros.data.map((m) => (
          <option key={m.id} value={m.id}>
            {m.shared ? m.name : `${m.name} · ${t("macros.personal")}`}
          </option>
        ))}
      </select>
      {error && (
        <p role="alert" className="mt-1 text-sm text-red-800">
          {t("common.error")}
        </p>
      )}
    </div>
  );
}
