"use client";
import { createContext, useContext, useEffect, useId, useRef, useState, type ReactNode, type RefObject } from "react";
import { useT } from "@/lib/i18n/client";
import { buttonClass, secondaryButtonClass } from "@/components/ui";

export const smallButtonClass = `${secondaryButtonClass} !px-2 !py-1 text-xs`;

const CloseEdit = createContext<(() => void) | null>(null);

/** Inside an open edit panel: closes it (after a save, or on Cancel). Null in a create form. */
export function useCloseEdit(): (() => void) | null {
  return useContext(CloseEdit);
}

/**
 * A row (what it is, its actions) with an Edit button that opens the row's form below it, in edit mode.
 * Opening moves the focus to the form's first field; Cancel, Escape or a save close it and give the focus back.
 */
export function EditDisclosure({
  name,
  heading,
  level = 4,
  summary,
  actions,
  danger,
  rowClassName = "",
  children,
}: {
  name: string;
  heading: string;
  level?: 3 | 4;
  summary: ReactNode;
  actions?: ReactNode;
  danger?: ReactNode;
  rowClassName?: string;
  children: ReactNode;
}) {
  const { t } = useT();
  const id = useId();
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const H = level === 3 ? "h3" : "h4";

  useEffect(() => {
    if (open) panel.current?.querySelector<HTMLElement>("input, select, textarea")?.focus();
  }, [open]);

  function close() {
    setOpen(false);
    button.current?.focus();
  }

  return (
    <>
      <div className={`flex flex-wrap items-center justify-between gap-2 ${rowClassName}`}>
        {summary}
        <div className="ml-auto flex flex-wrap items-center justify-end gap-2">
          {actions}
          <button
            ref={button}
            type="button"
            className={smallButtonClass}
            aria-expanded={open}
            aria-controls={open ? `${id}-panel` : undefined}
            aria-label={t("statusAdmin.editOf", { name })}
            onClick={() => (open ? close() : setOpen(true))}
          >
            {t("statusAdmin.edit")}
          </button>
          {danger}
        </div>
      </div>
      {open && (
        <div
          ref={panel}
          id={`${id}-panel`}
          role="group"
          aria-labelledby={`${id}-heading`}
          className="my-3 rounded-md border border-slate-300 bg-slate-50 p-4"
          onKeyDown={(e) => {
            if (e.key === "Escape" && !(e.target instanceof HTMLSelectElement)) {
              e.stopPropagation();
              close();
            }
          }}
        >
          <H id={`${id}-heading`} className="mb-3 font-semibold">
            {heading}
          </H>
          <CloseEdit.Provider value={close}>{children}</CloseEdit.Provider>
        </div>
      )}
    </>
  );
}

/** After a refused save the focus goes to the first field marked invalid, so its message is read out with it. */
export function useFocusFirstInvalid(form: RefObject<HTMLFormElement | null>, error: unknown): void {
  useEffect(() => {
    if (error) form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [form, error]);
}

/** Submit (and, when editing, Cancel) at the foot of a create-or-edit form. */
export function FormButtons({ pending, createLabel }: { pending: boolean; createLabel: string }) {
  const { t } = useT();
  const close = useCloseEdit();
  return (
    <div className="flex flex-wrap gap-2">
      <button type="submit" className={buttonClass} disabled={pending}>
        {pending ? t("common.loading") : close ? t("statusAdmin.save") : createLabel}
      </button>
      {close && (
        <button type="button" className={secondaryButtonClass} onClick={close}>
          {t("common.cancel")}
        </button>
      )}
    </div>
  );
}
