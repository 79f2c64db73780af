"use client";
import { useEffect, useId, useRef, useState } from "react";
import { useT } from "@/lib/i18n/client";
import { dangerButtonClass, secondaryButtonClass } from "./ui";


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
export function ConfirmDelete({ label, ariaLabel, title, description, confirmLabel, dismissLabel, onConfirm, buttonClassName = secondaryButtonClass, disabled }: ConfirmDeleteProps) {
  const { t } = useT();
  const id = useId();
  const trigger = useRef<HTMLButtonElement>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const dismiss = useRef<HTMLButtonElement>(null);
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!open) return;
    dialog.current?.showModal();
    dismiss.current?.focus();
  }, [open]);

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
    <>
      <button
        ref={trigger}
        type="button"
        className={buttonClassName}
        disabled={disabled || pending}
        aria-label={ariaLabel}
        aria-haspopup="dialog"
        onClick={() => { setError(null); setOpen(true); }}
      >
        {label}
      </button>
      {open && (
        <dialog
          ref={dialog}
          aria-labelledby={`${id}-title`}
          aria-describedby={description ? `${id}-desc` : undefined}
          className="m-auto w-[calc(100%-2rem)] max-w-md rounded-lg border border-slate-200 bg-white p-5 text-left text-slate-900 shadow-xl backdrop:bg-slate-900/50"
          onCancel={(e) => { if (pending) e.preventDefault(); }}
          onClose={() => { setOpen(false); trigger.current?.focus(); }}
        >
          <h2 id={`${id}-title`} className="text-lg font-semibold">{title}</h2>
          {description && <p id={`${id}-desc`} className="mt-2 text-sm text-slate-700">{description}</p>}
          {error && <p role="alert" className="mt-3 rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900">{error}</p>}
          <div className="mt-5 flex flex-wrap justify-end gap-2">
            <button ref={dismiss} type="button" className={secondaryButtonClass} disabled={pending} onClick={close}>
              {dismissLabel ?? t("common.cancel")}
            </button>
            <button type="button" className={dangerButtonClass} disabled={pending} onClick={confirm}>
              {pending ? t("common.loading") : confirmLabel ?? label}
            </button>
          </div>
        </dialog>
      )}
    </>
  );
}
