"use client";
import { useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { useT } from "@/lib/i18n/client";
import { ConfirmDialog } from "@/components/confirm-delete";
import { Badge } from "@/components/ui";
import type { Role } from "@/server/db/schema";

interface UserCells {
  user: { id: number; name: string; email: string; role: Role; disabled: boolean; invited: boolean };
  self: boolean;
  /** The roles to choose from, from the permission catalog. */
  roles: readonly Role[];
}

type Confirming = { kind: "role"; role: Role } | { kind: "disable" } | { kind: "enable" } | null;

/**
 * The role and state cells of a user row. Picking a role or pressing Disable/Enable changes nothing yet: a
 * dialog names the person and the new role or state, and only its confirm button makes the change (the
 * person is then signed out everywhere). The server keeps the last admin.
 */
export function UserActionCells({ user, self, roles }: UserCells) {
  const { t } = useT();
  const trpc = useTRPC();
  const router = useRouter();
  const select = useRef<HTMLSelectElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  const [confirming, setConfirming] = useState<Confirming>(null);
  const setRole = useMutation(trpc.admin.setRole.mutationOptions({ onSuccess: () => router.refresh() }));
  const setDisabled = useMutation(trpc.admin.setDisabled.mutationOptions({ onSuccess: () => router.refresh() }));
  const who = { name: user.name, email: user.email };

  function dialog() {
    if (!confirming) return null;
    if (confirming.kind === "role") {
      const to = t(`role.${confirming.role}`);
      return (
        <ConfirmDialog
          title={t("admin.users.confirmRole.title", { ...who, from: t(`role.${user.role}`), to })}
          description={[
            t("admin.users.confirmRole.body", { name: user.name, to }),
            ...(confirming.role === "admin" ? [t("admin.users.confirmRole.admin")] : []),
          ]}
          confirmLabel={t("admin.users.confirmRole.confirm", { name: user.name, to })}
          tone={confirming.role === "admin" ? "danger" : "primary"}
          onConfirm={() => setRole.mutateAsync({ userId: user.id, role: confirming.role })}
          onClose={() => {
            setConfirming(null);
            select.current?.focus();
          }}
        />
      );
    }
    const disable = confirming.kind === "disable";
    return (
      <ConfirmDialog
        title={t(disable ? "admin.users.confirmDisable.title" : "admin.users.confirmEnable.title", who)}
        description={
          disable && user.role !== "customer"
            ? [t("admin.users.confirmDisable.body", who), t("routing.disable.tickets")]
            : t(disable ? "admin.users.confirmDisable.body" : "admin.users.confirmEnable.body", who)
        }
        confirmLabel={t(disable ? "admin.users.disable" : "admin.users.enable")}
        tone={disable ? "danger" : "primary"}
        onConfirm={() => setDisabled.mutateAsync({ userId: user.id, disabled: disable })}
        onClose={() => {
          setConfirming(null);
          toggle.current?.focus();
        }}
      />
    );
  }

  return (
    <>
      <td className="px-4 py-2">
        <label className="sr-only" htmlFor={`role-${user.id}`}>
          {t("admin.users.roleFor", { name: user.name })}
        </label>
        <select
          ref={select}
          id={`role-${user.id}`}
          value={user.role}
          disabled={setRole.isPending}
          aria-haspopup="dialog"
          onChange={(e) => setConfirming({ kind: "role", role: e.target.value as Role })}
          className="rounded-md border border-slate-400 bg-white px-2 py-1 text-sm"
        >
          {roles.map((r) => (
            <option key={r} value={r}>
              {t(`role.${r}`)}
            </option>
          ))}
        </select>
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
              ref={toggle}
              type="button"
              aria-haspopup="dialog"
              aria-label={t(user.disabled ? "admin.users.enableLabel" : "admin.users.disableLabel", { name: user.name })}
              onClick={() => setConfirming({ kind: user.disabled ? "enable" : "disable" })}
              disabled={setDisabled.isPending}
              className="rounded-md border border-slate-400 px-2 py-0.5 text-xs hover:bg-slate-50"
            >
              {user.disabled ? t("admin.users.enable") : t("admin.users.disable")}
            </button>
          )}
        </div>
        {dialog()}
      </td>
    </>
  );
}
