"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { useT } from "@/lib/i18n/client";
import { buttonClass, Card, inputClass } from "./ui";
import { FormError, formErrorOf } from "./form";

interface CategoryRow {
  id: number;
  nameEn: string;
  nameRu: string;
  position: number;
  archived: boolean;
  teamId: number | null;
}

/** Every category as a line of fields (names, order, routing team, archived), and one more line to add one. */
export function CategoryManager({ categories, teams }: { categories: CategoryRow[]; teams: { id: number; name: string }[] }) {
  return (
    <Card>
      <ul className="divide-y divide-slate-100" role="list">
        {categories.map((c) => (
          <li key={c.id}>
            <CategoryForm category={c} teams={teams} />
          </li>
        ))}
        <li key={`new-${categories.length}`}>
          <CategoryForm teams={teams} />
        </li>
      </ul>
    </Card>
  );
}

function CategoryForm({ category, teams }: { category?: CategoryRow; teams: { id: number; name: string }[] }) {
  const { t } = useT();
  const trpc = useTRPC();
  const router = useRouter();
  const [saved, setSaved] = useState(false);
  const save = useMutation(
    trpc.workspace.saveCategory.mutationOptions({
      onSuccess: () => {
        setSaved(true);
        router.refresh();
      },
    }),
  );
  const id = category ? `category-${category.id}` : "category-new";
  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setSaved(false);
    const f = new FormData(e.currentTarget);
    save.mutate({
      ...(category ? { id: category.id } : {}),
      nameEn: String(f.get("nameEn") ?? ""),
      nameRu: String(f.get("nameRu") ?? ""),
      position: Number(f.get("position") || 0),
      archived: f.get("archived") === "on",
      teamId: f.get("teamId") ? Number(f.get("teamId")) : null,
    });
  }
  return (
    <form
      onSubmit={onSubmit}
      className="space-y-2 py-3"
      aria-label={category ? category.nameEn : t("routing.categories.new")}
      data-testid={id}
    >
      {!category && <h2 className="text-base font-semibold text-slate-900">{t("routing.categories.new")}</h2>}
      <FormError message={formErrorOf(save.error, t("common.error"))} />
      <div className="grid items-end gap-3 md:grid-cols-[1fr_1fr_6rem_1fr_auto_auto]">
        <label className="text-sm">
          <span className="mb-1 block font-semibold text-slate-800">{t("routing.categories.nameEn")}</span>
          <input name="nameEn" defaultValue={category?.nameEn ?? ""} required maxLength={80} className={inputClass} />
        </label>
        <label className="text-sm">
          <span className="mb-1 block font-semibold text-slate-800">{t("routing.categories.nameRu")}</span>
          <input name="nameRu" defaultValue={category?.nameRu ?? ""} required maxLength={80} className={inputClass} />
        </label>
        <label className="text-sm">
          <span className="mb-1 block font-semibold text-slate-800">{t("routing.categories.position")}</span>
          <input name="position" type="number" min={0} max={10000} defaultValue={category?.position ?? 0} className={inputClass} />
        </label>
        <label className="text-sm">
          <span className="mb-1 block font-semibold text-slate-800">{t("routing.categories.team")}</span>
          <select name="teamId" defaultValue={category?.teamId ?? ""} className={inputClass}>
            <option value="">{t("timeline.nobody")}</option>
            {teams.map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
          </select>
        </label>
        <label className="flex items-center gap-1.5 pb-2 text-sm text-slate-800">
          <input name="archived" type="checkbox" defaultChecked={category?.archived ?? false} className="h-4 w-4" />
          {t("routing.categories.archived")}
        </label>
        <button type="submit" className={buttonClass} disabled={save.isPending}>
          {category ? t("routing.save") : t("routing.categories.create")}
        </button>
      </div>
      {saved && (
        <p role="status" className="text-sm text-green-800">
          {t("routing.saved")}
        </p>
      )}
    </form>
  );
}
