"use client";
import { useRouter } from "next/navigation";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { useT } from "@/lib/i18n/client";
import { FormError, formErrorOf } from "@/components/form";

export function RestoreButton({ articleId, number }: { articleId: number; number: number }) {
  const { t } = useT();
  const trpc = useTRPC();
  const router = useRouter();
  const restore = useMutation(trpc.kb.restore.mutationOptions({ onSuccess: () => router.push(`/kb/${articleId}/history`) }));
  return (
    <div className="mt-2">
      <button
        type="button"
        onClick={() => restore.mutate({ articleId, number })}
        disabled={restore.isPending}
        className="text-sm font-semibold text-blue-800 underline"
      >
        {t("kb.restore")}
      </button>
      <FormError message={formErrorOf(restore.error, t("common.error"))} />
    </div>
  );
}
