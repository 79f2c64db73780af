"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { useT } from "@/lib/i18n/client";
import { formatDateTime } from "@/lib/i18n";
import { errorTextOf } from "./merge-dialog";
import { buttonClass, inputClass } from "./ui";

type Rating = "good" | "bad";

/**
 * The customer's satisfaction rating of a solved ticket: good or bad and an optional comment, changeable until
 * `openUntil`. In the portal it is sent as the signed-in requester (`ticketId`); from the email, with the
 * link's signed token (`token`, no sign-in).
 */
export function CsatForm({
  ticketId,
  token,
  initial,
  openUntil,
}: {
  ticketId?: number;
  token?: string;
  initial: { rating: Rating | null; comment: string | null; choice?: Rating };
  openUntil: number;
}) {
  const { t, locale } = useT();
  const trpc = useTRPC();
  const router = useRouter();
  const [rating, setRating] = useState<Rating | null>(initial.choice ?? initial.rating);
  const [comment, setComment] = useState(initial.comment ?? "");
  const [saved, setSaved] = useState<Rating | null>(initial.rating);
  const onSuccess = (r: { rating: Rating | null }) => {
    setSaved(r.rating);
    router.refresh();
  };
  const portal = useMutation(trpc.ticketLife.rate.mutationOptions({ onSuccess }));
  const byLink = useMutation(trpc.ticketLife.rateByLink.mutationOptions({ onSuccess }));
  const pending = portal.isPending || byLink.isPending;
  const error = portal.error ?? byLink.error;

  return (
    <form
      className="space-y-3"
      data-testid="csat-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (!rating) return;
        if (token) byLink.mutate({ token, rating, comment });
        else if (ticketId) portal.mutate({ ticketId, rating, comment });
      }}
    >
      <fieldset>
        <legend className="mb-2 text-sm font-medium text-slate-800">{t("ticketLife.csat.question")}</legend>
        <div className="flex gap-4">
          {(["good", "bad"] as const).map((r) => (
            <label key={r} className="flex items-center gap-2 text-sm">
              <input type="radio" name="rating" value={r} checked={rating === r} onChange={() => setRating(r)} required />
              {t(`ticketLife.csat.${r}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <label className="block text-sm">
        <span className="mb-1 block font-medium text-slate-800">{t("ticketLife.csat.comment")}</span>
        <textarea className={inputClass} rows={3} maxLength={2000} value={comment} onChange={(e) => setComment(e.target.value)} />
      </label>
      {error && (
        <p role="alert" className="text-sm text-red-800">
          {errorTextOf(error, t("common.error"))}
        </p>
      )}
      <button type="submit" className={buttonClass} disabled={pending || !rating}>
        {t("ticketLife.csat.submit")}
      </button>
      {saved && (
        <p role="status" className="text-sm text-green-900">
          {t("ticketLife.csat.thanks")} {t("ticketLife.csat.yours", { rating: t(`ticketLife.csat.${saved}`) })}{" "}
          {t("ticketLife.csat.until", { date: formatDateTime(locale, openUntil) })}
        </p>
      )}
    </form>
  );
}
