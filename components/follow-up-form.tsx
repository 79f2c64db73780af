"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { useT } from "@/lib/i18n/client";
import { errorTextOf } from "./merge-dialog";
import { buttonClass, inputClass, secondaryButtonClass } from "./ui";

/** On a closed ticket the customer cannot reply; this opens a new ticket linked to it ("follow-up to #N"). */
export function FollowUpForm({ ticketId }: { ticketId: number }) {
  const { t } = useT();
  const trpc = useTRPC();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [body, setBody] = useState("");
  const create = useMutation(trpc.ticketLife.followUp.mutationOptions({ onSuccess: (r) => router.push(`/tickets/${r.id}?created=1`) }));
  if (!open)
    return (
      <button type="button" className="font-semibold text-blue-800 underline" onClick={() => setOpen(true)} data-testid="follow-up">
        {t("ticketPage.followUp")}
      </button>
    );
  return (
    <form
      className="space-y-2"
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate({ ticketId, body });
      }}
    >
      <label className="block text-sm">
        <span className="mb-1 block font-medium text-slate-800">{t("ticketLife.followUp.label")}</span>
        <textarea
          className={inputClass}
          rows={5}
          required
          minLength={10}
          maxLength={50_000}
          value={body}
          onChange={(e) => setBody(e.target.value)}
          data-testid="follow-up-body"
        />
      </label>
      {create.error && (
        <p role="alert" className="text-sm text-red-800">
          {errorTextOf(create.error, t("common.error"))}
        </p>
      )}
      <div className="flex gap-2">
        <button type="submit" className={buttonClass} disabled={create.isPending}>
          {t("ticketLife.followUp.submit")}
        </button>
        <button type="button" className={secondaryButtonClass} onClick={() => setOpen(false)}>
          {t("ticketLife.followUp.cancel")}
        </button>
      </div>
    </form>
  );
}
