"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { useT } from "@/lib/i18n/client";
import { errorTextOf, MergeTargetFields } from "./merge-dialog";
import { buttonClass } from "./ui";

/**
 * Bulk merge from the inbox list: every selected ticket into one target (the target itself may be among them),
 * each merged on its own with a result per ticket; different requesters only with the box ticked.
 */
export function InboxMergeAction({ ticketIds }: { ticketIds: number[] }) {
  const { t } = useT();
  const trpc = useTRPC();
  const router = useRouter();
  const [target, setTarget] = useState("");
  const [across, setAcross] = useState(false);
  const merge = useMutation(trpc.ticketLife.bulkMerge.mutationOptions({ onSuccess: () => router.refresh() }));
  const failed = merge.data?.filter((r) => !r.ok) ?? [];
  return (
    <form
      aria-label={t("ticketLife.bulkMerge.submit")}
      className="mb-3 flex flex-wrap items-end gap-3 rounded-lg border border-blue-200 bg-blue-50 p-3"
      onSubmit={(e) => {
        e.preventDefault();
        merge.mutate({ ticketIds, targetId: Number(target), acrossRequesters: across });
      }}
    >
      <MergeTargetFields
        label={t("ticketLife.bulkMerge.target")}
        target={target}
        onTarget={setTarget}
        across={across}
        onAcross={setAcross}
        testId="bulk-merge-target"
      />
      <button type="submit" className={buttonClass} disabled={merge.isPending || ticketIds.length === 0}>
        {t("ticketLife.bulkMerge.submit")}
      </button>
      {(merge.data || merge.error) && (
        <div role="status" className="w-full text-sm text-slate-800" data-testid="bulk-merge-result">
          {merge.data && (
            <p>{t("ticketLife.bulkMerge.done", { ok: merge.data.length - failed.length, total: merge.data.length, id: target })}</p>
          )}
          {failed.length > 0 && (
            <ul className="mt-1 list-disc pl-5 text-red-800">
              {failed.map((r) => (
                <li key={r.ticketId}>{t("inbox.bulk.failed", { id: r.ticketId, message: r.message ?? "" })}</li>
              ))}
            </ul>
          )}
          {merge.error && <p className="text-red-800">{errorTextOf(merge.error, t("common.error"))}</p>}
        </div>
      )}
    </form>
  );
}
