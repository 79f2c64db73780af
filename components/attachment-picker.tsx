"use client";
import { useCallback, useRef, useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { useT } from "@/lib/i18n/client";
import type { AttachmentView } from "@/server/attachments/attachments";
import { formatSize } from "./attachment-list";

/** What the form shows about the limits (server/env.ts decides them; the server enforces them). */
export interface AttachmentLimitsText {
  files: number;
  file: string;
  total: string;
}

/**
 * Files being attached to a message: each is uploaded at once (as a pending attachment only its uploader
 * can see) and sent by id with the message. Used by the reply form, and by the new-ticket form.
 */
export function useAttachmentUploads() {
  const { t } = useT();
  const trpc = useTRPC();
  const discard = useMutation(trpc.attachments.discard.mutationOptions());
  const [files, setFiles] = useState<AttachmentView[]>([]);
  const [uploading, setUploading] = useState<{ key: number; name: string }[]>([]);
  const counter = useRef(0);
  const [error, setError] = useState<string | null>(null);

  const add = useCallback(
    async (list: File[]) => {
      setError(null);
      for (const file of list) {
        const key = ++counter.current;
        setUploading((u) => [...u, { key, name: file.name }]);
        try {
          const res = await fetch(`/api/attachments?name=${encodeURIComponent(file.name || "screenshot.png")}`, {
            method: "POST",
            body: file,
          });
          const body = (await res.json().catch(() => ({}))) as AttachmentView & { error?: string };
          if (!res.ok) setError(`${file.name}: ${body.error ?? t("attachments.err.upload")}`);
          else setFiles((f) => [...f, body]);
        } catch {
          setError(`${file.name}: ${t("attachments.err.upload")}`);
        } finally {
          setUploading((u) => u.filter((x) => x.key !== key));
        }
      }
    },
    [t],
  );

  const remove = useCallback(
    (id: number) => {
      setFiles((f) => f.filter((x) => x.id !== id));
      discard.mutate({ id });
    },
    [discard],
  );

  const clear = useCallback(() => setFiles([]), []);
  return { files, uploading, error, add, remove, clear };
}

export type AttachmentUploads = ReturnType<typeof useAttachmentUploads>;

/** Files from a paste (a screenshot copied to the clipboard), for the text box's onPaste. */
export function pastedFiles(e: React.ClipboardEvent): File[] {
  return Array.from(e.clipboardData.files ?? []);
}

/** The drop zone, the file chooser and the list of files waiting to be sent, with their previews. */
export function AttachmentPicker({ uploads, limits, id }: { uploads: AttachmentUploads; limits: AttachmentLimitsText; id: string }) {
  const { t } = useT();
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  return (
    <div
      className={`rounded-md border-2 border-dashed p-3 text-sm ${over ? "border-blue-600 bg-blue-50" : "border-slate-300"}`}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        void uploads.add(Array.from(e.dataTransfer.files));
      }}
      data-testid="attachment-drop"
    >
      <p className="text-slate-700">
        {t("attachments.drop")}{" "}
        <button type="button" className="font-semibold text-blue-800 underline" onClick={() => input.current?.click()}>
          {t("attachments.browse")}
        </button>
      </p>
      <label htmlFor={id} className="sr-only">
        {t("attachments.add")}
      </label>
      <input
        ref={input}
        id={id}
        type="file"
        multiple
        className="sr-only"
        onChange={(e) => {
          void uploads.add(Array.from(e.target.files ?? []));
          e.target.value = "";
        }}
      />
      <p className="mt-1 text-xs text-slate-600">
        {t("attachments.hint", { files: limits.files, file: limits.file, total: limits.total })}
      </p>
      {uploads.error && (
        <p role="alert" className="mt-2 text-sm text-red-800">
          {uploads.error}
        </p>
      )}
      {(uploads.files.length > 0 || uploads.uploading.length > 0) && (
        <ul className="mt-2 flex flex-wrap gap-2" aria-live="polite">
          {uploads.files.map((f) => (
            <li
              key={f.id}
              className="flex items-center gap-2 rounded border border-slate-300 bg-white p-1 pr-2"
              data-testid="pending-attachment"
            >
              {f.inline ? (
                <img src={`/api/attachments/${f.id}`} alt={t("attachments.preview", { name: f.name })} className="h-12 w-12 object-cover" />
              ) : (
                <span aria-hidden="true">📎</span>
              )}
              <span className="max-w-[12rem] truncate">{f.name}</span>
              <span className="text-xs text-slate-600">{formatSize(f.size)}</span>
              <button
                type="button"
                onClick={() => uploads.remove(f.id)}
                className="rounded px-1 text-slate-700 hover:bg-slate-100"
                aria-label={t("attachments.remove", { name: f.name })}
              >
                ×
              </button>
            </li>
          ))}
          {uploads.uploading.map((u) => (
            <li key={`u${u.key}`} className="rounded border border-slate-200 p-2 text-slate-600">
              {t("attachments.uploading", { name: u.name })}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
