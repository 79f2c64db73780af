"use client";
import { useRouter } from "next/navigation";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { useT } from "@/lib/i18n/client";
import { inputClass } from "@/components/form";
import { secondaryButtonClass } from "@/components/ui";
import { COMPONENT_STATUSES } from "@/server/components/schemas";
import type { ComponentStatus } from "@/server/db/schema";

const small = `${secondaryButtonClass} !px-2 !py-1 text-xs`;

/** Status select, move up/down and delete for one component; errors show beside the row. */
export function ComponentActions({ id, name, status, order, index }: { id: number; name: string; status: ComponentStatus; order: number[]; index: number }) {
  const { t } = useT();
  const trpc = useTRPC();
  const router = useRouter();
  const refresh = { onSuccess: () => router.refresh() };
  const setStatus = useMutation(trpc.status.components.setStatus.mutationOptions());
  const reorder = useMutation(trpc.status.components.reorder.mutationOptions());
  const remove = useMutation(trpc.status.components.delete.mutationOptions());
  const error = setStatus.error ?? reorder.error ?? remove.error;
  const move = (delta: number) => {
    const next = [...order];
    [next[index], next[index + delta]] = [next[index + delta], next[index]];
    reorder.mutate({ ids: next }, refresh);
  };
  return (
    <div className="flex flex-wrap items-center gap-2">
      <label htmlFor={`status-${id}`} className="sr-only">{t("incidents.admin.statusOf", { name })}</label>
      <select id={`status-${id}`} className={`${inputClass} !w-auto`} value={status} disabled={setStatus.isPending} onChange={(e) => setStatus.mutate({ id, status: e.target.value as ComponentStatus }, refresh)}>
        {COMPONENT_STATUSES.map((s) => <option key={s} value={s}>{t(`incidents.component.${s}`)}</option>)}
      </select>
      <button type="button" className={small} disabled={index === 0 || reorder.isPending} onClick={() => move(-1)} aria-label={`${t("incidents.admin.up")}: ${name}`}>↑</button>
      <button type="button" className={small} disabled={index === order.length - 1 || reorder.isPending} onClick={() => move(1)} aria-label={`${t("incidents.admin.down")}: ${name}`}>↓</button>
      <button type="button" className={small} disabled={remove.isPending} onClick={() => remove.mutate({ id }, refresh)}>{t("incidents.admin.delete")}</button>
      {error && <p role="alert" className="w-full text-sm text-red-800">{error.message}</p>}
    </div>
  );
}

export function DeleteGroupButton({ id, name }: { id: number; name: string }) {
  const { t } = useT();
  const trpc = useTRPC();
  const router = useRouter();
  const remove = useMutation(trpc.status.components.deleteGroup.mutationOptions());
  return (
    <button type="button" className={small} disabled={remove.isPending} onClick={() => remove.mutate({ id }, { onSuccess: () => router.refresh() })} aria-label={`${t("incidents.admin.delete")}: ${name}`}>
      {t("incidents.admin.delete")}
    </button>
  );
}

export function CancelMaintenanceButton({ id }: { id: number }) {
  const { t } = useT();
  const trpc = useTRPC();
  const router = useRouter();
  const cancel = useMutation(trpc.status.maintenance.cancel.mutationOptions());
  return (
    <>
      <button type="button" className={small} disabled={cancel.isPending} onClick={() => cancel.mutate({ id }, { onSuccess: () => router.refresh() })}>{t("incidents.maint.cancel")}</button>
      {cancel.error && <p role="alert" className="text-sm text-red-800">{cancel.error.message}</p>}
    </>
  );
}
