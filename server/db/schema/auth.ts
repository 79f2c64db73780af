import "server-only";
import type { Generated } from "kysely";

/** Second factors: TOTP, recovery codes, passkeys. */

/** A user's authenticator (TOTP): the secret encrypted (server/two-factor/secret-box.ts); enabled once confirmed. */
export interface UserTwoFactorTable {
  user_id: number;
  secret_enc: string;
  enabled_at: number | null;
  /** The last accepted TOTP time step: a code is accepted once. */
  last_step: number | null;
  created_at: number;
  updated_at: number;
}

/** Single-use recovery codes, stored as sha256(salt + code). */
export interface UserRecoveryCodesTable {
  id: Generated<number>;
  user_id: number;
  salt: string;
  code_hash: string;
  used_at: number | null;
  created_at: number;
}

/** One row (id 1): the roles that must use a second factor, comma-separated; NULL until an admin decides. */
export interface TwoFactorSettingsTable {
  id: number;
  required_roles: string | null;
  updated_at: number;
  updated_by: number | null;
}

/** WebAuthn credentials (passkeys). */
export interface UserPasskeysTable {
  id: Generated<number>;
  user_id: number;
  credential_id: string;
  public_key: string;
  counter: Generated<number>;
  transports: string | null;
  name: string;
  created_at: number;
  last_used_at: number | null;
}

/** WebAuthn challenges handed out and not yet used. */
export interface WebauthnChallengesTable {
  challenge: string;
  user_id: number | null;
  purpose: string;
  expires_at: number;
}

export interface AuthTables {
  user_two_factor: UserTwoFactorTable;
  user_recovery_codes: UserRecoveryCodesTable;
  two_factor_settings: TwoFactorSettingsTable;
  user_passkeys: UserPasskeysTable;
  webauthn_challenges: WebauthnChallengesTable;
}
