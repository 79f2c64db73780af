"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { useT } from "@/lib/i18n/client";
import type { InboxFilterValues } from "@/lib/inbox-url";
import { fieldErrorsOf, formErrorOf } from "./form";
import { dangerButtonClass, inputClass, secondaryButtonClass } from "./ui";

type Filters = InboxFilterValues;

/** Saves the list's current filters as a view (personal, or shared by leads), and updates or deletes the open one. */
export function InboxSaveView({
  filters,
  canShare,
  teams,
  current,
}: {
  filters: Filters;
  canShare: boolean;
  teams: { id: number; name: string }[];
  current: { id: number; name: string; sharedWith: "personal" | "everyone" | "team"; teamId: number | null } | null;
}) {
  const { t } = useT();
  const trpc = useTRPC();
  const router = useRouter();
  const [name, setName] = useState("");
  const [share, setShare] = useState("personal");
  const create = useMutation(
    trpc.inbox.createView.mutationOptions({
      onSuccess: ({ id }) =>
        router.push(`${window.location.pathname}${window.location.search ? `${window.location.search}&` : "?"}sv=${id}`),
    }),
  );
  const update = useMutation(trpc.inbox.updateView.mutationOptions({ onSuccess: () => router.refresh() }));
  const remove = useMutation(trpc.inbox.deleteView.mutationOptions({ onSuccess: () => router.push("/inbox") }));
  const sharing = (s: string) =>
    s.startsWith("team:")
      ? { sharedWith: "team" as const, teamId: Number(s.slice(5)) }
      : { sharedWith: s as "personal" | "everyone", teamId: null };
  const errors = fieldErrorsOf(create.error);

  return (
    <details className="mt-6 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <summary className="cursor-pointer text-sm font-semibold text-slate-900">{t("inbox.saveView")}</summary>
      {current && (
        <div className="mt-3 flex flex-wrap gap-2">
          <button
            type="button"
            className={secondaryButtonClass}
            disabled={update.isPending}
            onClick={() =>
              update.mutate({ id: current.id, name: current.name, sharedWith: current.sharedWith, teamId: current.teamId, filters })
            }
          >
            {t("inbox.saveView.update")}
          </button>
          <button
            type="button"
            className={dangerButtonClass}
            disabled={remove.isPending}
            onClick={() => {
              if (window.confirm(t("inbox.saveView.deleteConfirm", { name: current.name }))) remove.mutate({ id: current.id });
            }}
          >
            {t("inbox.saveView.delete")}
          </button>
          {update.isSuccess && (
            <p role="status" className="self-center text-sm text-green-900">
              {t("inbox.saveView.saved")}
            </p>
          )}
        </div>
      )}
      <form
        className="mt-3 grid gap-3 sm:grid-cols-[1fr_1fr_auto] sm:items-end"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate({ name, ...sharing(share), filters });
        }}
      >
        <label className="block text-sm">
          <span className="mb-1 block font-medium text-slate-800">{t("inbox.saveView.name")}</span>
          <input
            className={inputClass}
            name="name"
            value={name}
            required
            maxLength={80}
            onChange={(e) => setName(e.target.value)}
            aria-invalid={!!errors?.name}
          />
          {errors?.name && <span className="mt-1 block text-sm text-red-800">{errors.name[0]}</span>}
        </label>
        {canShare ? (
          <label className="block text-sm">
            <span className="mb-1 block font-medium text-slate-800">{t("inbox.saveView.share")}</span>
            <select className={inputClass} value={share} onChange={(e) => setShare(e.target.value)}>
              <option value="personal">{t("inbox.saveView.personal")}</option>
              <option value="everyone">{t("inbox.saveView.everyone")}</option>
              {teams.map((tm) => (
                <option key={tm.id} value={`team:${tm.id}`}>
                  {t("inbox.saveView.teamOption", { team: tm.name })}
                </option>
              ))}
            </select>
          </label>
        ) : (
          <span />
        )}
        <button type="submit" className={secondaryButtonClass} disabled={create.isPending}>
          {t("inbox.saveView.submit")}
        </button>
        {create.error && !errors?.name && (
          <p className="text-sm text-red-800 sm:col-span-3">{formErrorOf(create.error, t("common.error"))}</p>
        )}
      </form>
    </details>
  );
}
