"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { useT } from "@/lib/i18n/client";
import { FormError, formErrorOf } from "@/components/form";
import { buttonClass } from "@/components/ui";
import type { Role } from "@/server/db/schema";

/** One checkbox per role; saving is audited (two_factor.policy_changed). */
export function TwoFactorPolicyForm({ roles, required, isDefault }: { roles: readonly Role[]; required: Role[]; isDefault: boolean }) {
  const { t } = useT();
  const trpc = useTRPC();
  const router = useRouter();
  const [chosen, setChosen] = useState<Set<Role>>(new Set(required));
  const save = useMutation(trpc.twoFactor.setPolicy.mutationOptions({ onSuccess: () => router.refresh() }));
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({ roles: roles.filter((r) => chosen.has(r)) });
      }}
      className="space-y-4"
    >
      <fieldset>
        <legend className="sr-only">{t("twoFactor.admin.policyTitle")}</legend>
        <div className="flex flex-wrap gap-x-6 gap-y-2">
          {roles.map((r) => (
            <label key={r} className="flex items-center gap-2 text-sm text-slate-900">
              <input
                type="checkbox"
                name="roles"
                value={r}
                checked={chosen.has(r)}
                onChange={(e) =>
                  setChosen((prev) => {
                    const next = new Set(prev);
                    if (e.target.checked) next.add(r);
                    else next.delete(r);
                    return next;
                  })
                }
                className="h-4 w-4"
              />
              {t(`role.${r}`)}
            </label>
          ))}
        </div>
      </fieldset>
      {isDefault && !save.isSuccess ? <p className="text-sm text-slate-700">{t("twoFactor.admin.default")}</p> : null}
      <FormError message={formErrorOf(save.error, t("err.internal"))} />
      <div className="flex items-center gap-3">
        <button type="submit" className={buttonClass} disabled={save.isPending}>
          {save.isPending ? t("common.loading") : t("twoFactor.admin.save")}
        </button>
        {save.isSuccess ? (
          <span role="status" className="text-sm text-slate-700">
            {t("twoFactor.admin.saved")}
          </span>
        ) : null}
      </div>
    </form>
  );
}
