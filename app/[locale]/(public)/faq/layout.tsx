import type { ReactNode } from "react";
import { IncidentBanner } from "@/components/incident-banner";

/** During an active incident, readers of the help center see it first. */
export default function FaqLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <IncidentBanner />
      {children}
    </>
  );
}
