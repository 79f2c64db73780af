"use client";
import { useRouter } from "next/navigation";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { useT } from "@/lib/i18n/client";
import { ConfirmDelete } from "@/components/confirm-delete";
import { dangerButtonClass, secondaryButtonClass } from "@/components/ui";

/** Export a customer's data, or erase it after a confirmation that names the person; the page then says when. */
export function UserPrivacyActions({ user }: { user: { id: number; name: string; email: string } }) {
  const { t } = useT();
  const trpc = useTRPC();
  const router = useRouter();
  const erase = useMutation(trpc.privacy.eraseUser.mutationOptions({ onSuccess: () => router.refresh() }));
  return (
    <div className="space-y-4">
      <div>
        <a href={`/api/admin/users/${user.id}/export`} download className={secondaryButtonClass}>
          {t("privacy.admin.export")}
        </a>
        <p className="mt-1 text-xs text-slate-600">{t("privacy.admin.exportHint")}</p>
      </div>
      <ConfirmDelete
        label={t("privacy.admin.erase")}
        title={t("privacy.admin.eraseTitle", { name: user.name, email: user.email })}
        description={t("privacy.admin.eraseBody")}
        confirmLabel={t("privacy.admin.eraseConfirm")}
        buttonClassName={dangerButtonClass}
        onConfirm={() => erase.mutateAsync({ userId: user.id })}
      />
    </div>
  );
}
