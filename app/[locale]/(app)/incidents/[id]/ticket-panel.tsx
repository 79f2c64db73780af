"use client";
import { useState } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { useT } from "@/lib/i18n/client";
import { Field, FormError, fieldErrorsOf, formErrorOf, inputClass } from "@/components/form";
import { secondaryButtonClass } from "@/components/ui";

interface TicketRow {
  id: number;
  subject: string;
  status: string;
  requesterName: string;
}
interface Suggestion extends TicketRow {
  matchedWords: string[];
  mentionsComponents: number;
}

const smallButton = `${secondaryButtonClass} !px-2 !py-1 text-xs`;

export function TicketPanel({ incidentId, linked, suggestions }: { incidentId: number; linked: TicketRow[]; suggestions: Suggestion[] }) {
  const { t } = useT();
  const trpc = useTRPC();
  const router = useRouter();
  const link = useMutation(trpc.status.incidents.linkTicket.mutationOptions());
  const unlink = useMutation(trpc.status.incidents.unlinkTicket.mutationOptions());
  const [ticketId, setTicketId] = useState("");
  const refresh = { onSuccess: () => router.refresh() };
  const error = link.error ?? unlink.error;

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    link.mutate(
      { incidentId, ticketId: Number(ticketId) },
      {
        onSuccess: () => {
          setTicketId("");
          router.refresh();
        },
      },
    );
  }

  const ticketLabel = (r: TicketRow) => (
    <>
      <Link href={`/inbox/${r.id}`} className="font-medium text-blue-800 hover:underline">
        #{r.id} {r.subject}
      </Link>{" "}
      <span className="text-xs text-slate-600">
        {t("incidents.tickets.by", { name: r.requesterName })} · {t(`status.${r.status}`)}
      </span>
    </>
  );

  return (
    <div className="space-y-4">
      <FormError message={formErrorOf(error, t("common.error"))} />
      <section>
        <h3 className="mb-2 font-semibold">{t("incidents.tickets.linked")}</h3>
        {linked.length === 0 ? (
          <p className="text-sm text-slate-700">{t("incidents.tickets.noneLinked")}</p>
        ) : (
          <ul className="space-y-2 text-sm">
            {linked.map((r) => (
              <li key={r.id} className="flex items-start justify-between gap-2">
                <span>{ticketLabel(r)}</span>
                <button
                  type="button"
                  className={smallButton}
                  disabled={unlink.isPending}
                  onClick={() => unlink.mutate({ incidentId, ticketId: r.id }, refresh)}
                >
                  {t("incidents.tickets.unlink")}
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
      <form onSubmit={onSubmit} className="flex items-end gap-2" noValidate>
        <div className="flex-1">
          <Field id="link-ticket" label={t("incidents.tickets.linkById")} errors={fieldErrorsOf(link.error)?.ticketId}>
            {(a) => (
              <input
                {...a}
                inputMode="numeric"
                className={inputClass}
                value={ticketId}
                onChange={(e) => setTicketId(e.target.value.replace(/\D/g, ""))}
                placeholder={t("incidents.tickets.ticketId")}
              />
            )}
          </Field>
        </div>
        <button type="submit" className={secondaryButtonClass} disabled={link.isPending || !ticketId}>
          {t("incidents.tickets.link")}
        </button>
      </form>
      <section>
        <h3 className="font-semibold">{t("incidents.tickets.suggestions")}</h3>
        <p className="mb-2 text-xs text-slate-600">{t("incidents.tickets.suggestions.hint")}</p>
        {suggestions.length === 0 ? (
          <p className="text-sm text-slate-700">{t("incidents.tickets.noSuggestions")}</p>
        ) : (
          <ul className="space-y-2 text-sm">
            {suggestions.map((s) => (
              <li key={s.id} className="flex items-start justify-between gap-2">
                <span>
                  {ticketLabel(s)}
                  <span className="block text-xs text-slate-600">
                    {[
                      s.matchedWords.length ? t("incidents.tickets.matched", { words: s.matchedWords.join(", ") }) : null,
                      s.mentionsComponents ? t("incidents.tickets.mentionsComponent") : null,
                    ]
                      .filter(Boolean)
                      .join(" · ")}
                  </span>
                </span>
                <button
                  type="button"
                  className={smallButton}
                  disabled={link.isPending}
                  onClick={() => link.mutate({ incidentId, ticketId: s.id }, refresh)}
                >
                  {t("incidents.tickets.link")}
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
