"use client";
import { useEffect, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { useT } from "@/lib/i18n/client";

/** How often the open ticket page beats (staff) or asks for the version (customers): within the 5 s. */
export const POLL_MS = 4000;
/** A keystroke within this long counts as typing. */
const TYPING_MS = 6000;

// The reply form says when its writer last typed; the bar sends it with the next beat. One ticket page at a time.
let lastKeystroke = 0;
export function reportTyping(): void {
  lastKeystroke = Date.now();
}
export function stoppedTyping(): void {
  lastKeystroke = 0;
}

/**
 * Keeps an open ticket current: every few seconds staff say they are here (and whether they type) and
 * hear who else is; customers ask for the ticket's version. When the version moves, the page re-renders
 * from the server (the reply being written stays: it is client state).
 */
export function TicketLive({ ticketId, version, staff }: { ticketId: number; version: number; staff: boolean }) {
  const { t } = useT();
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const beat = useMutation(trpc.presence.beat.mutationOptions());
  const leave = useMutation(trpc.presence.leave.mutationOptions());
  const [others, setOthers] = useState<{ id: number; name: string; typing: boolean }[]>([]);
  const seen = useRef(version);
  seen.current = Math.max(seen.current, version);

  useEffect(() => {
    let stopped = false;
    async function tick() {
      if (document.visibilityState === "hidden") return;
      try {
        let latest: number;
        if (staff) {
          const res = await beat.mutateAsync({ ticketId, typing: Date.now() - lastKeystroke < TYPING_MS });
          if (stopped) return;
          setOthers(res.others);
          latest = res.version;
        } else {
          latest = (await queryClient.fetchQuery({ ...trpc.tickets.version.queryOptions({ id: ticketId }), staleTime: 0 })).version;
        }
        if (!stopped && latest > seen.current) {
          seen.current = latest;
          router.refresh();
        }
      } catch {
        // A missed beat is retried at the next one.
      }
    }
    void tick();
    const timer = setInterval(() => void tick(), POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
      if (staff) leave.mutate({ ticketId });
    };
    // The mutations' identities change on every render; the loop depends only on the ticket.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ticketId, staff]);

  if (!staff || others.length === 0) return <div aria-live="polite" className="sr-only" />;
  const typing = others.filter((o) => o.typing).map((o) => o.name);
  const viewing = others.filter((o) => !o.typing).map((o) => o.name);
  return (
    <div
      aria-live="polite"
      className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950"
      data-testid="presence"
    >
      <span className="sr-only">{t("presence.label")}: </span>
      {typing.length > 0 && <p className="font-semibold">{t("presence.typing", { names: typing.join(", ") })}</p>}
      {viewing.length > 0 && <p>{t("presence.viewing", { names: viewing.join(", ") })}</p>}
    </div>
  );
}
