"use client";
import { useRouter } from "next/navigation";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { useT } from "@/lib/i18n/client";
import { Field, FormError, fieldErrorsOf, formErrorOf, inputClass } from "@/components/form";
import { buttonClass } from "@/components/ui";
import type { TicketRetentionAction } from "@/server/db/schema";

interface Settings {
  closedTicketDays: number | null;
  closedTicketAction: TicketRetentionAction;
  auditEventDays: number | null;
}

/** An empty box means "keep"; anything else must be a whole number of days (the server says which). */
function days(value: FormDataEntryValue | null): number | null {
  const text = String(value ?? "").trim();
  return text === "" ? null : Number(text);
}

export function RetentionForm({ initial }: { initial: Settings }) {
  const { t } = useT();
  const trpc = useTRPC();
  const router = useRouter();
  const save = useMutation(trpc.privacy.setRetention.mutationOptions({ onSuccess: () => router.refresh() }));
  const errors = fieldErrorsOf(save.error);

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    save.mutate({
      closedTicketDays: days(f.get("closedTicketDays")),
      closedTicketAction: f.get("closedTicketAction") === "anonymise" ? "anonymise" : "delete",
      auditEventDays: days(f.get("auditEventDays")),
    });
  }

  return (
    <form onSubmit={onSubmit} className="space-y-6" noValidate>
      <FormError message={formErrorOf(save.error, t("common.error"))} />
      <fieldset className="space-y-3">
        <legend className="mb-2 text-base font-semibold text-slate-900">{t("privacy.retention.tickets")}</legend>
        <Field
          id="closedTicketDays"
          label={t("privacy.retention.ticketDays")}
          hint={t("privacy.retention.ticketDaysHint")}
          errors={errors?.closedTicketDays}
        >
          {(a) => (
            <input
              {...a}
              name="closedTicketDays"
              inputMode="numeric"
              defaultValue={initial.closedTicketDays ?? ""}
              className={`${inputClass} max-w-[10rem]`}
            />
          )}
        </Field>
        <fieldset>
          <legend className="mb-1 block text-sm font-semibold text-slate-800">{t("privacy.retention.action")}</legend>
          {(["delete", "anonymise"] as const).map((action) => (
            <label key={action} className="flex items-start gap-2 py-1 text-sm text-slate-800">
              <input
                type="radio"
                name="closedTicketAction"
                value={action}
                defaultChecked={initial.closedTicketAction === action}
                className="mt-0.5"
              />
              {t(`privacy.retention.${action}`)}
            </label>
          ))}
        </fieldset>
      </fieldset>
      <fieldset className="space-y-3">
        <legend className="mb-2 text-base font-semibold text-slate-900">{t("privacy.retention.audit")}</legend>
        <Field
          id="auditEventDays"
          label={t("privacy.retention.auditDays")}
          hint={t("privacy.retention.auditDaysHint")}
          errors={errors?.auditEventDays}
        >
          {(a) => (
            <input
              {...a}
              name="auditEventDays"
              inputMode="numeric"
              defaultValue={initial.auditEventDays ?? ""}
              className={`${inputClass} max-w-[10rem]`}
            />
          )}
        </Field>
      </fieldset>
      <div className="flex items-center gap-3">
        <button type="submit" className={buttonClass} disabled={save.isPending}>
          {t("privacy.retention.save")}
        </button>
        {save.isSuccess && (
          <p role="status" className="text-sm text-green-800">
            {t("privacy.retention.saved")}
          </p>
        )}
      </div>
    </form>
  );
}
