"use client";
import { useEffect, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { useT } from "@/lib/i18n/client";

const POLL_MS = 5_000;

/**
 * Keeps the open inbox list current without a reload: every few seconds (while the tab is visible) it asks for
 * the inbox's version (newest ticket, latest update: two index ends, server/ticket-life/inbox-version.ts) and,
 * when it moved, re-renders the page on the server (router.refresh keeps the selection, filters and focus).
 * Given the version the page was rendered at, a change between the render and the first poll is not missed.
 */
export function InboxLive({ version }: { version?: string }) {
  const { t } = useT();
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  // The version the page was rendered at, when the page read it; else the first poll's.
  const seen = useRef<string | null>(version ?? null);
  const [updated, setUpdated] = useState(false);

  useEffect(() => {
    let stopped = false;
    async function tick() {
      if (document.visibilityState === "hidden") return;
      try {
        const { version } = await queryClient.fetchQuery({ ...trpc.ticketLife.inboxVersion.queryOptions(), staleTime: 0 });
        if (stopped) return;
        if (seen.current !== null && version !== seen.current) {
          router.refresh();
          setUpdated(true);
        }
        seen.current = version;
      } catch {
        // A missed poll is retried at the next one.
      }
    }
    void tick();
    const timer = setInterval(() => void tick(), POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [queryClient, router, trpc]);

  return (
    <p role="status" className="sr-only" data-testid="inbox-live">
      {updated ? t("ticketLife.live.updated") : ""}
    </p>
  );
}
