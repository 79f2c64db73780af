"use client";
import { useRouter } from "next/navigation";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { useT } from "@/lib/i18n/client";
import { inputClass } from "@/components/form";
import { ConfirmDelete } from "@/components/confirm-delete";
import { COMPONENT_STATUSES } from "@/lib/status/components";
import type { ComponentStatus } from "@/server/db/schema";
import { smallButtonClass as small } from "./edit-disclosure";

/** The order with the item at `index` swapped with its neighbour. */
function moved(order: number[], index: number, delta: number): number[] {
  const next = [...order];
  [next[index], next[index + delta]] = [next[index + delta], next[index]];
  return next;
}

function MoveButtons({
  name,
  index,
  count,
  pending,
  onMove,
}: {
  name: string;
  index: number;
  count: number;
  pending: boolean;
  onMove: (delta: number) => void;
}) {
  const { t } = useT();
  return (
    <>
      <button
        type="button"
        className={small}
        disabled={index === 0 || pending}
        onClick={() => onMove(-1)}
        aria-label={`${t("incidents.admin.up")}: ${name}`}
      >
        ↑
      </button>
      <button
        type="button"
        className={small}
        disabled={index === count - 1 || pending}
        onClick={() => onMove(1)}
        aria-label={`${t("incidents.admin.down")}: ${name}`}
      >
        ↓
      </button>
    </>
  );
}

/** Status override and move up/down for one component; errors show beside the row. */
export function ComponentActions({
  id,
  name,
  status,
  order,
  index,
}: {
  id: number;
  name: string;
  status: ComponentStatus;
  order: number[];
  index: number;
}) {
  const { t } = useT();
  const trpc = useTRPC();
  const router = useRouter();
  const refresh = { onSuccess: () => router.refresh() };
  const setStatus = useMutation(trpc.status.components.setStatus.mutationOptions());
  const reorder = useMutation(trpc.status.components.reorder.mutationOptions());
  const error = setStatus.error ?? reorder.error;
  return (
    <>
      <label htmlFor={`status-${id}`} className="sr-only">
        {t("incidents.admin.statusOf", { name })}
      </label>
      <select
        id={`status-${id}`}
        className={`${inputClass} !w-auto !py-1`}
        value={status}
        disabled={setStatus.isPending}
        onChange={(e) => setStatus.mutate({ id, status: e.target.value as ComponentStatus }, refresh)}
      >
        {COMPONENT_STATUSES.map((s) => (
          <option key={s} value={s}>
            {t(`incidents.component.${s}`)}
          </option>
        ))}
      </select>
      <MoveButtons
        name={name}
        index={index}
        count={order.length}
        pending={reorder.isPending}
        onMove={(d) => reorder.mutate({ ids: moved(order, index, d) }, refresh)}
      />
      {error && (
        <p role="alert" className="w-full text-sm text-red-800">
          {error.message}
        </p>
      )}
    </>
  );
}

export function GroupActions({ name, order, index }: { name: string; order: number[]; index: number }) {
  const trpc = useTRPC();
  const router = useRouter();
  const reorder = useMutation(trpc.status.components.reorderGroups.mutationOptions());
  return (
    <>
      <MoveButtons
        name={name}
        index={index}
        count={order.length}
        pending={reorder.isPending}
        onMove={(d) => reorder.mutate({ ids: moved(order, index, d) }, { onSuccess: () => router.refresh() })}
      />
      {reorder.error && (
        <p role="alert" className="w-full text-sm text-red-800">
          {reorder.error.message}
        </p>
      )}
    </>
  );
}

export function DeleteComponentButton({ id, name }: { id: number; name: string }) {
  const { t } = useT();
  const trpc = useTRPC();
  const router = useRouter();
  const remove = useMutation(trpc.status.components.delete.mutationOptions());
  return (
    <ConfirmDelete
      label={t("incidents.admin.delete")}
      ariaLabel={`${t("incidents.admin.delete")}: ${name}`}
      title={t("statusAdmin.deleteComponent.title", { name })}
      description={t("statusAdmin.deleteComponent.body")}
      buttonClassName={small}
      onConfirm={() => remove.mutateAsync({ id }).then(() => router.refresh())}
    />
  );
}

export function DeleteGroupButton({ id, name }: { id: number; name: string }) {
  const { t } = useT();
  const trpc = useTRPC();
  const router = useRouter();
  const remove = useMutation(trpc.status.components.deleteGroup.mutationOptions());
  return (
    <ConfirmDelete
      label={t("incidents.admin.delete")}
      ariaLabel={`${t("incidents.admin.delete")}: ${name}`}
      title={t("statusAdmin.deleteGroup.title", { name })}
      description={t("statusAdmin.deleteGroup.body")}
      buttonClassName={small}
      onConfirm={() => remove.mutateAsync({ id }).then(() => router.refresh())}
    />
  );
}

/** A scheduled window is cancelled; a running one ends now. */
export function CancelMaintenanceButton({ id, title, running }: { id: number; title: string; running: boolean }) {
  const { t } = useT();
  const trpc = useTRPC();
  const router = useRouter();
  const cancel = useMutation(trpc.status.maintenance.cancel.mutationOptions());
  const label = running ? t("statusAdmin.endMaint") : t("incidents.maint.cancel");
  return (
    <ConfirmDelete
      label={label}
      ariaLabel={`${label}: ${title}`}
      title={t(running ? "statusAdmin.endMaint.title" : "statusAdmin.cancelMaint.title", { title })}
      description={t(running ? "statusAdmin.endMaint.body" : "statusAdmin.cancelMaint.body")}
      dismissLabel={t("statusAdmin.keep")}
      buttonClassName={small}
      onConfirm={() => cancel.mutateAsync({ id }).then(() => router.refresh())}
    />
  );
}
