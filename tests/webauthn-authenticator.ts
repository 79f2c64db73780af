import crypto from "node:crypto";
import { isoBase64URL, isoCBOR } from "@simplewebauthn/server/helpers";
import type { AuthenticationResponseJSON, PublicKeyCredentialCreationOptionsJSON, RegistrationResponseJSON } from "@simplewebauthn/server";

/**
 * A software authenticator for tests, as a phone or security key answers a browser's navigator.credentials
 * calls: an ES256 (P-256) key per credential, "none" attestation, a signature counter, user presence and
 * verification flags. It signs whatever origin and RP ID it is told, so tests can also play a phishing site.
 */
export interface SoftCredential {
  id: string;
  userHandle: string;
  privateKey: crypto.KeyObject;
  counter: number;
}

type Cbor = Parameters<typeof isoCBOR.encode>[0];
const b64 = (bytes: Uint8Array | Buffer) => isoBase64URL.fromBuffer(new Uint8Array(bytes));
const sha256 = (data: Uint8Array | string) => crypto.createHash("sha256").update(data).digest();
const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
};

function clientData(type: "webauthn.create" | "webauthn.get", challenge: string, origin: string): Buffer {
  return Buffer.from(JSON.stringify({ type, challenge, origin, crossOrigin: false }));
}

export function createSoftAuthenticator() {
  const credentials: SoftCredential[] = [];
  return {
    credentials,
    /** Answers registration options (what startRegistration would return), for `origin`. */
    register(
      options: PublicKeyCredentialCreationOptionsJSON,
      origin: string,
      opts: { rpId?: string; userVerified?: boolean } = {},
    ): RegistrationResponseJSON {
      const { privateKey, publicKey } = crypto.generateKeyPairSync("ec", { namedCurve: "P-256" });
      const jwk = publicKey.export({ format: "jwk" });
      const cose = new Map<string | number, Cbor>([
        [1, 2],
        [3, -7],
        [-1, 1],
        [-2, isoBase64URL.toBuffer(jwk.x!)],
        [-3, isoBase64URL.toBuffer(jwk.y!)],
      ]);
      const credId = crypto.randomBytes(32);
      const flags = 0x41 | (opts.userVerified === false ? 0 : 0x04);
      const authData = Buffer.concat([
        sha256(opts.rpId ?? options.rp.id!),
        Buffer.from([flags]),
        u32(0),
        Buffer.alloc(16),
        Buffer.from([credId.length >> 8, credId.length & 255]),
        credId,
        Buffer.from(isoCBOR.encode(cose)),
      ]);
      const attestationObject = isoCBOR.encode(
        new Map<string | number, Cbor>([
          ["fmt", "none"],
          ["attStmt", new Map<string | number, Cbor>()],
          ["authData", new Uint8Array(authData)],
        ]),
      );
      const id = b64(credId);
      credentials.push({ id, userHandle: options.user.id, privateKey, counter: 0 });
      return {
        id,
        rawId: id,
        type: "public-key",
        response: {
          clientDataJSON: b64(clientData("webauthn.create", options.challenge, origin)),
          attestationObject: b64(attestationObject),
          transports: ["internal"],
        },
        clientExtensionResults: {},
        authenticatorAttachment: "platform",
      };
    },
    /** Signs an assertion for `challenge` with one of its credentials (the first by default). */
    authenticate(
      challenge: string,
      origin: string,
      rpId: string,
      opts: { credential?: SoftCredential; userVerified?: boolean; counter?: number } = {},
    ): AuthenticationResponseJSON {
      const cred = opts.credential ?? credentials[0]!;
      cred.counter = opts.counter ?? cred.counter + 1;
      const flags = 0x01 | (opts.userVerified === false ? 0 : 0x04);
      const authData = Buffer.concat([sha256(rpId), Buffer.from([flags]), u32(cred.counter)]);
      const data = clientData("webauthn.get", challenge, origin);
      const signature = crypto.sign("sha256", Buffer.concat([authData, sha256(data)]), cred.privateKey);
      return {
        id: cred.id,
        rawId: cred.id,
        type: "public-key",
        response: { clientDataJSON: b64(data), authenticatorData: b64(authData), signature: b64(signature), userHandle: cred.userHandle },
        clientExtensionResults: {},
        authenticatorAttachment: "platform",
      };
    },
  };
}
