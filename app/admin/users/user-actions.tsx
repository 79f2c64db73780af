"use client";
import { useRouter } from "next/navigation";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { useT } from "@/lib/i18n/client";
import { FormError, formErrorOf } from "@/components/form";
import type { Role } from "@/server/db/schema";

const ROLES: Role[] = ["customer", "agent", "lead", "admin"];

/** Change a user's role or disable them; the server refuses to remove the last admin. */
export function UserActions({ user, self }: { user: { id: number; name: string; role: Role; disabled: boolean }; self: boolean }) {
  const { t } = useT();
  const trpc = useTRPC();
  const router = useRouter();
  const setRole = useMutation(trpc.admin.setRole.mutationOptions({ onSuccess: () => router.refresh() }));
  const setDisabled = useMutation(trpc.admin.setDisabled.mutationOptions({ onSuccess: () => router.refresh() }));
  const error = formErrorOf(setRole.error ?? setDisabled.error, t("common.error"));
  return (
    <div className="flex flex-wrap items-center gap-2">
      <label className="sr-only" htmlFor={`role-${user.id}`}>{t("admin.users.roleFor", { name: user.name })}</label>
      <select
        id={`role-${user.id}`}
        value={user.role}
        disabled={setRole.isPending}
        onChange={(e) => setRole.mutate({ userId: user.id, role: e.target.value as Role })}
        className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
      >
        {ROLES.map((r) => <option key={r} value={r}>{t(`role.${r}`)}</option>)}
      </select>
      {!self && (
        <button
          type="button"
          onClick={() => setDisabled.mutate({ userId: user.id, disabled: !user.disabled })}
          disabled={setDisabled.isPending}
          className="rounded-md border border-slate-300 px-2 py-1 text-sm hover:bg-slate-50"
        >
          {user.disabled ? t("admin.users.enable") : t("admin.users.disable")}
        </button>
      )}
      <FormError message={error} />
    </div>
  );
}
