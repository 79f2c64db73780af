"use client";
import { useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { useT } from "@/lib/i18n/client";
import { FormError, formErrorOf, inputClass } from "./form";
import { secondaryButtonClass, buttonClass } from "./ui";

const REASONS = ["outdated", "unclear", "incomplete", "wrong_topic", "other"] as const;

/** "Was this helpful?" — yes is one click; no asks why, optionally. */
export function ArticleFeedback({ articleId }: { articleId: number }) {
  const { t } = useT();
  const trpc = useTRPC();
  const send = useMutation(trpc.kb.feedback.mutationOptions());
  const [step, setStep] = useState<"ask" | "why" | "done">("ask");
  const [reason, setReason] = useState<(typeof REASONS)[number]>("unclear");
  const [comment, setComment] = useState("");

  if (step === "done") {
    return (
      <p role="status" className="mt-10 rounded-lg border border-green-300 bg-green-50 p-4 text-green-900">
        {t("feedback.thanks")}
      </p>
    );
  }
  return (
    <section aria-labelledby="feedback-heading" className="mt-10 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="feedback-heading" className="font-semibold">
        {t("feedback.question")}
      </h2>
      <FormError message={formErrorOf(send.error, t("common.error"))} />
      {step === "ask" ? (
        <div className="mt-3 flex gap-3">
          <button
            type="button"
            className={secondaryButtonClass}
            onClick={() => send.mutate({ articleId, helpful: true }, { onSuccess: () => setStep("done") })}
          >
            {t("feedback.yes")}
          </button>
          <button type="button" className={secondaryButtonClass} onClick={() => setStep("why")}>
            {t("feedback.no")}
          </button>
        </div>
      ) : (
        <form
          className="mt-3 space-y-3"
          onSubmit={(e) => {
            e.preventDefault();
            send.mutate({ articleId, helpful: false, reason, comment: comment || undefined }, { onSuccess: () => setStep("done") });
          }}
        >
          <fieldset>
            <legend className="text-sm font-semibold text-slate-800">{t("feedback.why")}</legend>
            <div className="mt-2 grid gap-1 sm:grid-cols-2">
              {REASONS.map((r) => (
                <label key={r} className="flex items-center gap-2 text-sm">
                  <input type="radio" name="reason" value={r} checked={reason === r} onChange={() => setReason(r)} />
                  {t(`feedback.reason.${r}`)}
                </label>
              ))}
            </div>
          </fieldset>
          <div>
            <label htmlFor="feedback-comment" className="block text-sm font-semibold text-slate-800">
              {t("feedback.comment")}
            </label>
            <textarea
              id="feedback-comment"
              rows={3}
              maxLength={500}
              value={comment}
              onChange={(e) => setComment(e.target.value)}
              className={inputClass}
            />
          </div>
          <button type="submit" className={buttonClass} disabled={send.isPending}>
            {t("feedback.send")}
          </button>
        </form>
      )}
    </section>
  );
}
