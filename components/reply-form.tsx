"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { useT } from "@/lib/i18n/client";
import type { TicketChanges } from "@/server/tickets/timeline";
import { Field, FormError, fieldErrorsOf, formErrorOf, inputClass } from "./form";
import { buttonClass, secondaryButtonClass } from "./ui";
import { AttachmentPicker, pastedFiles, useAttachmentUploads, type AttachmentLimitsText } from "./attachment-picker";
import { describeEvent } from "./ticket-timeline";
import { reportTyping, stoppedTyping } from "./presence-bar";
import { MacroPicker, type AppliedMacro } from "./macro-picker";
import { useMentionBox } from "./mention-box";

/**
 * Reply publicly, or (staff) add an internal note that the customer never sees; with files, and for staff
 * with a macro. Staff replies carry the ticket version the writer saw: if someone else changed the ticket
 * since, the server refuses (CONFLICT) and the form shows what changed before the writer sends anyway.
 */
export function ReplyForm({
  ticketId,
  allowNote,
  version,
  staff,
  limits,
  people = [],
}: {
  ticketId: number;
  allowNote: boolean;
  version: number;
  staff: boolean;
  limits: AttachmentLimitsText;
  /** Who a note may mention (@name). */
  people?: readonly { id: number; name: string }[];
}) {
  const { t } = useT();
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<"reply" | "note">("reply");
  const [body, setBody] = useState("");
  const [macro, setMacro] = useState<AppliedMacro | null>(null);
  // The version the writer has seen: the page's, until they start writing; then it stays where it was.
  const [baseline, setBaseline] = useState(version);
  const [conflict, setConflict] = useState<TicketChanges | null>(null);
  const uploads = useAttachmentUploads();
  const reply = useMutation(trpc.tickets.reply.mutationOptions());
  const errors = fieldErrorsOf(reply.error);
  const pristine = body === "" && uploads.files.length === 0;
  const seen = pristine && !conflict ? Math.max(baseline, version) : baseline;

  function send(seenVersion: number) {
    reply.mutate(
      {
        ticketId,
        body,
        kind,
        attachmentIds: uploads.files.map((f) => f.id),
        ...(staff ? { seenVersion } : {}),
        ...(macro ? { macroId: macro.macroId } : {}),
      },
      {
        onSuccess: (res) => {
          setBody("");
          setMacro(null);
          setConflict(null);
          uploads.clear();
          stoppedTyping();
          setBaseline(res.version);
          router.refresh();
        },
        onError: (err) => {
          if ((err as { data?: { code?: string } }).data?.code !== "CONFLICT") return;
          void queryClient
            .fetchQuery({ ...trpc.tickets.changes.queryOptions({ id: ticketId, after: seenVersion }), staleTime: 0 })
            .then(setConflict, () => setConflict({ version: seenVersion, events: [] }));
        },
      },
    );
  }

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (pristine) setBaseline(seen);
    send(seen);
  }

  function onBodyChange(value: string) {
    if (pristine) setBaseline(seen);
    setBody(value);
    reportTyping();
  }

  const mentions = useMentionBox(body, onBodyChange, people, kind === "note", t("ticket.note.mentionList"));
  const isConflict = (reply.error as { data?: { code?: string } } | null)?.data?.code === "CONFLICT";
  return (
    <form
      id="reply-form"
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
      {staff && (
        <MacroPicker
          ticketId={ticketId}
          onApply={(m) => {
            if (pristine) setBaseline(seen);
            setMacro(m);
            setBody((b) => (b.trim() ? `${b.trimEnd()}\n\n${m.body}` : m.body));
          }}
        />
      )}
      {!isConflict && <FormError message={formErrorOf(reply.error, t("common.error"))} />}
      <Field
        id="reply-body"
        label={t("ticket.reply.label")}
        hint={kind === "note" ? t("ticket.note.hint") : undefined}
        errors={errors?.body ?? errors?.attachmentIds}
      >
        {(a) => (
          <textarea
            {...a}
            name="body"
            rows={6}
            value={body}
            onChange={(e) => onBodyChange(e.target.value)}
            onPaste={(e) => {
              const files = pastedFiles(e);
              if (files.length) {
                e.preventDefault();
                void uploads.add(files);
              }
            }}
            className={inputClass}
            {...mentions.inputProps}
          />
        )}
      </Field>
      {mentions.list}
      <AttachmentPicker uploads={uploads} limits={limits} id="reply-files" />
      {macro && macro.summary.length > 0 && (
        <p className="text-sm text-slate-700" data-testid="macro-pending">
          {t("macros.pending", { changes: macro.summary.join(", ") })}
        </p>
      )}
      {conflict && (
        <div
          role="alertdialog"
          aria-labelledby="collision-title"
          className="space-y-2 rounded-md border border-red-300 bg-red-50 p-3 text-sm"
          data-testid="collision"
        >
          <h3 id="collision-title" className="font-semibold text-red-900">
            {t("collision.title")}
          </h3>
          <p>{t("collision.intro")}</p>
          <ul className="list-disc space-y-1 pl-5">
            {conflict.events.map((e) => (
              <li key={e.key}>
                {describeEvent(e, t)}
                {e.message && (
                  <blockquote className="mt-1 whitespace-pre-wrap border-l-2 border-slate-300 pl-2 text-slate-800">
                    {e.message.body}
                  </blockquote>
                )}
              </li>
            ))}
          </ul>
          <div className="flex flex-wrap gap-2">
            <button type="button" className={buttonClass} onClick={() => send(conflict.version)} disabled={reply.isPending}>
              {t("collision.send")}
            </button>
            <button
              type="button"
              className={secondaryButtonClass}
              onClick={() => {
                setBaseline(conflict.version);
                setConflict(null);
                reply.reset();
              }}
            >
              {t("collision.review")}
            </button>
          </div>
        </div>
      )}
      {!conflict && (
        <button type="submit" className={buttonClass} disabled={reply.isPending || uploads.uploading.length > 0}>
          {reply.isPending ? t("common.loading") : t(kind === "note" ? "ticket.note.submit" : "ticket.reply.submit")}
        </button>
      )}
    </form>
  );
}
