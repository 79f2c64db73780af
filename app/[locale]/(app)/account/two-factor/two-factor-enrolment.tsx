"use client";
import { useState } from "react";
import { useT } from "@/lib/i18n/client";
import { TwoFactorSettings } from "@/components/two-factor-settings";
import { buttonClass } from "@/components/ui";

/** The settings, and once they are on, the way on to where the person was going. */
export function TwoFactorEnrolment({ next }: { next: string }) {
  const { t } = useT();
  const [done, setDone] = useState(false);
  return (
    <div className="space-y-4">
      <TwoFactorSettings onEnabled={() => setDone(true)} />
      {done ? (
        <p className="flex flex-wrap items-center gap-3 text-sm text-slate-800" role="status">
          {t("twoFactor.page.done")}
          {/* A full navigation: every server component reads the account afresh. */}
          <a href={next} className={buttonClass}>
            {t("twoFactor.page.continue")}
          </a>
        </p>
      ) : null}
    </div>
  );
}
