"use client";
import type { ReactNode } from "react";
import { useT } from "@/lib/i18n/client";

/** The landmark around a list's page links, named in the reader's language (the pager itself renders anywhere). */
export function PagerNav({ children }: { children: ReactNode }) {
  const { t } = useT();
  return (
    <nav className="mt-4 flex gap-3" aria-label={t("common.pagination")}>
      {children}
    </nav>
  );
}
