"use client";
import { useState } from "react";
import { signIn } from "next-auth/react";
import { secondaryButtonClass } from "@/components/ui";

/** "Sign in with <provider>": next-auth sends the browser to the OpenID Provider (code flow with PKCE). */
export function SsoButton({ label, busyLabel, callbackUrl }: { label: string; busyLabel: string; callbackUrl: string }) {
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      className={`${secondaryButtonClass} w-full`}
      disabled={busy}
      onClick={() => {
        setBusy(true);
        void signIn("oidc", { callbackUrl }).catch(() => setBusy(false));
      }}
    >
      {busy ? busyLabel : label}
    </button>
  );
}
