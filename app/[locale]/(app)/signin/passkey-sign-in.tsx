"use client";
import { useState } from "react";
import { signIn } from "next-auth/react";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { useT } from "@/lib/i18n/client";
import { PasskeyError, passkeyAssertion } from "@/lib/passkey";
import { safeCallbackPath } from "@/lib/safe-callback-path";
import { secondaryButtonClass } from "@/components/ui";

/** Asks the server for a sign-in challenge and the browser for a passkey's answer to it (JSON). */
export function usePasskeyAssertion(): () => Promise<string> {
  const trpc = useTRPC();
  const options = useMutation(trpc.twoFactor.passkeySignInOptions.mutationOptions());
  return async () => passkeyAssertion(await options.mutateAsync());
}

/** The message for a passkey that did not work: the browser's reason when it gave one. */
export function passkeyFailure(err: unknown): string {
  return err instanceof PasskeyError ? err.messageKey : "twoFactor.err.passkey";
}

/** Staff sign in with a passkey alone (next-auth's "passkey" provider, server/two-factor/passkey-sign-in.ts). */
export function PasskeySignInButton({ callbackUrl, onError }: { callbackUrl: string; onError: (messageKey: string | null) => void }) {
  const { t } = useT();
  const assertion = usePasskeyAssertion();
  const [busy, setBusy] = useState(false);
  async function go() {
    setBusy(true);
    onError(null);
    try {
      const res = await signIn("passkey", { passkey: await assertion(), redirect: false });
      if (!res || res.error) {
        onError(res?.error === "RATE_LIMITED" ? "auth.signIn.rateLimited" : "twoFactor.signIn.passkeyFailed");
        setBusy(false);
        return;
      }
      window.location.assign(safeCallbackPath(callbackUrl, window.location.origin));
    } catch (err) {
      onError(passkeyFailure(err));
      setBusy(false);
    }
  }
  return (
    <button type="button" className={`${secondaryButtonClass} w-full`} disabled={busy} onClick={() => void go()}>
      {busy ? t("common.loading") : t("twoFactor.signIn.passkeyOnly")}
    </button>
  );
}
