"use client";
import { useRouter } from "next/navigation";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { useT } from "@/lib/i18n/client";
import { FormError, formErrorOf } from "@/components/form";
import { Badge } from "@/components/ui";
import type { Role } from "@/server/db/schema";

interface UserCells {
  user: { id: number; name: string; role: Role; disabled: boolean; invited: boolean };
  self: boolean;
  /** The roles to choose from, from the permission catalog. */
  roles: readonly Role[];
}

/** The role and state cells of a user row: change the role or disable; the server keeps the last admin. */
export function UserActionCells({ user, self, roles }: UserCells) {
  const { t } = useT();
  const trpc = useTRPC();
  const router = useRouter();
  const setRole = useMutation(trpc.admin.setRole.mutationOptions({ onSuccess: () => router.refresh() }));
  const setDisabled = useMutation(trpc.admin.setDisabled.mutationOptions({ onSuccess: () => router.refresh() }));
  const error = formErrorOf(setRole.error ?? setDisabled.error, t("common.error"));
  return (
    <>
      <td className="px-4 py-2">
        <label className="sr-only" htmlFor={`role-${user.id}`}>{t("admin.users.roleFor", { name: user.name })}</label>
        <select
          id={`role-${user.id}`}
          value={user.role}
          disabled={setRole.isPending}
          onChange={(e) => setRole.mutate({ userId: user.id, role: e.target.value as Role })}
          className="rounded-md border border-slate-400 bg-white px-2 py-1 text-sm"
        >
          {roles.map((r) => <option key={r} value={r}>{t(`role.${r}`)}</option>)}
        </select>
        <FormError message={error} />
      </td>
      <td className="px-4 py-2">
        <div className="flex flex-wrap items-center gap-2">
          {user.disabled ? (
            <Badge kind="closed">{t("admin.users.state.disabled")}</Badge>
          ) : user.invited ? (
            <Badge kind="new">{t("admin.users.state.invited")}</Badge>
          ) : (
            <Badge kind="solved">{t("admin.users.state.active")}</Badge>
          )}
          {!self && (
            <button
              type="button"
              onClick={() => setDisabled.mutate({ userId: user.id, disabled: !user.disabled })}
              disabled={setDisabled.isPending}
              className="rounded-md border border-slate-400 px-2 py-0.5 text-xs hover:bg-slate-50"
            >
              {user.disabled ? t("admin.users.enable") : t("admin.users.disable")}
            </button>
          )}
        </div>
      </td>
    </>
  );
}
