"use client";
import { useRouter } from "next/navigation";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { useT } from "@/lib/i18n/client";
import { Field, FormError, fieldErrorsOf, formErrorOf, inputClass } from "@/components/form";
import { buttonClass } from "@/components/ui";
import type { Role } from "@/server/db/schema";

/** Invites a member of staff; `roles` are the catalog's staff roles. */
export function InviteForm({ roles }: { roles: readonly Role[] }) {
  const { t } = useT();
  const trpc = useTRPC();
  const router = useRouter();
  const invite = useMutation(trpc.admin.invite.mutationOptions());
  const errors = fieldErrorsOf(invite.error);

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    invite.mutate(
      { email: String(f.get("email") ?? ""), name: String(f.get("name") ?? ""), role: String(f.get("role")) as Role },
      {
        onSuccess: () => {
          form.reset();
          router.refresh();
        },
      },
    );
  }

  return (
    <form onSubmit={onSubmit} className="space-y-3" noValidate>
      <FormError message={formErrorOf(invite.error, t("common.error"))} />
      {invite.isSuccess && (
        <p role="status" className="text-sm text-green-800">
          {t("admin.users.invited", { email: invite.variables?.email ?? "" })}
        </p>
      )}
      <Field id="invite-name" label={t("admin.users.col.name")} errors={errors?.name}>
        {(a) => <input {...a} name="name" className={inputClass} />}
      </Field>
      <Field id="invite-email" label={t("admin.users.col.email")} errors={errors?.email}>
        {(a) => <input {...a} name="email" type="email" className={inputClass} />}
      </Field>
      <Field id="invite-role" label={t("admin.users.col.role")} errors={errors?.role}>
        {(a) => (
          <select {...a} name="role" defaultValue="agent" className={inputClass}>
            {roles.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <button type="submit" className={`${buttonClass} w-full`} disabled={invite.isPending}>
        {t("admin.users.invite.submit")}
      </button>
    </form>
  );
}
