import type { ReactNode } from "react";
import { PublicHeader } from "@/components/public-header";

/** Public help-center pages: static, cached, the same HTML for everyone. */
export default function PublicLayout({ children }: { children: ReactNode }) {
  return (
    <PublicHeader>
      <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-8">
        {children}
      </main>
    </PublicHeader>
  );
}
