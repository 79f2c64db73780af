"use client";
import { useEffect, useId, useRef, useState } from "react";
import { useT } from "@/lib/i18n/client";
import { buttonClass, dangerButtonClass, secondaryButtonClass } from "./ui";

interface ConfirmDeleteProps {
  /** Text of the button that asks first. */
  label: string;
  /** Its accessible name where the label alone is ambiguous in a list ("Delete: API"). */
  ariaLabel?: string;
  /** The question the dialog asks ("Delete the component “API”?"). */
  title: string;
  /** What will happen, in a sentence or two. */
  description?: string;
  /** Text of the button that does it; the trigger's label by default. */
  confirmLabel?: string;
  /** Text of the button that backs out; "Cancel" by default. */
  dismissLabel?: string;
  /** Does the change. A rejection keeps the dialog open and shows the error's message in it. */
  onConfirm: () => Promise<unknown>;
  buttonClassName?: string;
  disabled?: boolean;
}

/**
 * Every destructive button asks first: a modal `<dialog>` (focus stays inside, Escape backs out) that opens
 * with the focus on the safe choice and hands the focus back to the button when it closes.
 */
export function ConfirmDelete({
  label,
  ariaLabel,
  title,
  description,
  confirmLabel,
  dismissLabel,
  onConfirm,
  buttonClassName = secondaryButtonClass,
  disabled,
}: ConfirmDeleteProps) {
  const trigger = useRef<HTMLButtonElement>(null);
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        ref={trigger}
        type="button"
        className={buttonClassName}
        disabled={disabled}
        aria-label={ariaLabel}
        aria-haspopup="dialog"
        onClick={() => setOpen(true)}
      >
        {label}
      </button>
      {open && (
        <ConfirmDialog
          title={title}
          description={description}
          confirmLabel={confirmLabel ?? label}
          dismissLabel={dismissLabel}
          onConfirm={onConfirm}
          onClose={() => {
            setOpen(false);
            trigger.current?.focus();
          }}
        />
      )}
    </>
  );
}

interface ConfirmDialogProps {
  /** The question, naming who or what ("Change the role of Anna (anna@example.com) from Customer to Admin?"). */
  title: string;
  /** What will happen, in a sentence or two; several become paragraphs. */
  description?: string | string[];
  /** Text of the button that does it. */
  confirmLabel: string;
  /** Text of the button that backs out; "Cancel" by default. */
  dismissLabel?: string;
  /** "danger" (red) for what destroys or takes away, "primary" for other weighty changes. */
  tone?: "danger" | "primary";
  /** Does the change. A rejection keeps the dialog open and shows the error's message in it. */
  onConfirm: () => Promise<unknown>;
  /** Called once the dialog has closed, confirmed or not: render it only while it should be open. */
  onClose: () => void;
}

/**
 * The confirmation itself, for any trigger (a button, a select): a modal `<dialog>` that opens with the focus
 * on the safe choice; the parent renders it while it is open and puts the focus back in `onClose`.
 */
export function ConfirmDialog({ title, description, confirmLabel, dismissLabel, tone = "danger", onConfirm, onClose }: ConfirmDialogProps) {
  const { t } = useT();
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const dismiss = useRef<HTMLButtonElement>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const paragraphs = description === undefined ? [] : Array.isArray(description) ? description : [description];

  useEffect(() => {
    dialog.current?.showModal();
    dismiss.current?.focus();
  }, []);

  function close() {
    dialog.current?.close();
  }

  async function confirm() {
    setPending(true);
    setError(null);
    try {
      await onConfirm();
      close();
    } catch (err) {
      setError((err as { message?: string } | null)?.message || t("common.error"));
    } finally {
      setPending(false);
    }
  }

  return (
    <dialog
      ref={dialog}
      aria-labelledby={`${id}-title`}
      aria-describedby={paragraphs.length ? `${id}-desc` : undefined}
      className="m-auto w-[calc(100%-2rem)] max-w-md rounded-lg border border-slate-200 bg-white p-5 text-left text-slate-900 shadow-xl backdrop:bg-slate-900/50"
      onCancel={(e) => {
        if (pending) e.preventDefault();
      }}
      onClose={onClose}
    >
      <h2 id={`${id}-title`} className="text-lg font-semibold">
        {title}
      </h2>
      {paragraphs.length > 0 && (
        <div id={`${id}-desc`} className="mt-2 space-y-2 text-sm text-slate-700">
          {paragraphs.map((p) => (
            <p key={p}>{p}</p>
          ))}
        </div>
      )}
      {error && (
        <p role="alert" className="mt-3 rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900">
          {error}
        </p>
      )}
      <div className="mt-5 flex flex-wrap justify-end gap-2">
        <button ref={dismiss} type="button" className={secondaryButtonClass} disabled={pending} onClick={close}>
          {dismissLabel ?? t("common.cancel")}
        </button>
        <button type="button" className={tone === "danger" ? dangerButtonClass : buttonClass} disabled={pending} onClick={confirm}>
          {pending ? t("common.loading") : confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
