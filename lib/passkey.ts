import {
  startAuthentication,
  startRegistration,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from "@simplewebauthn/browser";
import type { MessageKey } from "./i18n";

/**
 * The browser's side of passkeys (@simplewebauthn/browser): ask the authenticator, and put its refusals into
 * words. The server's options come through tRPC; the answers go back as JSON.
 */
export class PasskeyError extends Error {
  constructor(readonly messageKey: MessageKey) {
    super(messageKey);
    this.name = "PasskeyError";
  }
}

function explain(err: unknown): PasskeyError {
  const name = (err as { name?: string } | null)?.name;
  if (name === "NotAllowedError" || name === "AbortError") return new PasskeyError("twoFactor.err.passkeyCancelled");
  if (name === "InvalidStateError") return new PasskeyError("twoFactor.err.passkeyTaken");
  if (typeof window !== "undefined" && !window.PublicKeyCredential) return new PasskeyError("twoFactor.err.passkeyUnsupported");
  return new PasskeyError("twoFactor.err.passkey");
}

// The options as they come out of tRPC: the same JSON, with some literal types widened to string.
type Options<T> = { challenge: string } & Partial<Record<keyof T, unknown>>;

/** Signs the server's challenge with a passkey; the assertion as JSON, for the sign-in form's field. */
export async function passkeyAssertion(options: Options<PublicKeyCredentialRequestOptionsJSON>): Promise<string> {
  try {
    return JSON.stringify(await startAuthentication({ optionsJSON: options as PublicKeyCredentialRequestOptionsJSON }));
  } catch (err) {
    throw explain(err);
  }
}

/** Creates a passkey for the server's registration options. */
export async function createPasskey(options: Options<PublicKeyCredentialCreationOptionsJSON>): Promise<RegistrationResponseJSON> {
  try {
    return await startRegistration({ optionsJSON: options as PublicKeyCredentialCreationOptionsJSON });
  } catch (err) {
    throw explain(err);
  }
}
