"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { useT } from "@/lib/i18n/client";
import { Field, FormError, fieldErrorsOf, formErrorOf, inputClass } from "./form";
import { buttonClass } from "./ui";

/** Reply publicly, or (staff) add an internal note that the customer never sees. */
export function ReplyForm({ ticketId, allowNote }: { ticketId: number; allowNote: boolean }) {
  const { t } = useT();
  const trpc = useTRPC();
  const router = useRouter();
  const [kind, setKind] = useState<"reply" | "note">("reply");
  const [body, setBody] = useState("");
  const reply = useMutation(trpc.tickets.reply.mutationOptions());
  const errors = fieldErrorsOf(reply.error);

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    reply.mutate(
      { ticketId, body, kind },
      {
        onSuccess: () => {
          setBody("");
          router.refresh();
        },
      },
    );
  }

  return (
    <form
      onSubmit={onSubmit}
      className={`space-y-3 rounded-lg border p-4 ${kind === "note" ? "border-amber-300 bg-amber-50" : "border-slate-200 bg-white"}`}
      noValidate
    >
      {allowNote && (
        <fieldset className="flex gap-4 text-sm">
          <legend className="sr-only">{t("ticket.reply")}</legend>
          {(["reply", "note"] as const).map((k) => (
            <label key={k} className="flex items-center gap-2">
              <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} />
              {t(k === "reply" ? "ticket.mode.public" : "ticket.mode.note")}
            </label>
          ))}
        </fieldset>
      )}
      <FormError message={formErrorOf(reply.error, t("common.error"))} />
      <Field
        id="reply-body"
        label={t("ticket.reply.label")}
        hint={kind === "note" ? t("ticket.note.hint") : undefined}
        errors={errors?.body}
      >
        {(a) => <textarea {...a} name="body" rows={5} value={body} onChange={(e) => setBody(e.target.value)} className={inputClass} />}
      </Field>
      <button type="submit" className={buttonClass} disabled={reply.isPending}>
        {reply.isPending ? t("common.loading") : t(kind === "note" ? "ticket.note.submit" : "ticket.reply.submit")}
      </button>
    </form>
  );
}
