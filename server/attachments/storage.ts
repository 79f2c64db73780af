import "server-only";
import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import crypto from "node:crypto";
import { Readable } from "node:stream";
import { attachmentSettings } from "../env";

/**
 * Where attachment bytes live: a folder under the data directory, or an S3-compatible bucket. Keys are
 * random (newStorageKey), so a key says nothing about the ticket or the file and cannot be guessed.
 */
export interface BlobStorage {
  readonly kind: "local" | "s3";
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  /** The blob as a stream, or null when it is not there. */
  get(key: string): Promise<ReadableStream<Uint8Array> | null>;
  /** Removes the blob; removing one that is not there is not an error. */
  delete(key: string): Promise<void>;
}

export type StorageConfig = ReturnType<typeof attachmentSettings>["storage"];

export function newStorageKey(): string {
  return crypto.randomBytes(16).toString("hex");
}

function checkKey(key: string): string {
  if (!/^[a-f0-9]{32}$/.test(key)) throw new Error("malformed storage key");
  return key;
}

/** Files under `dir`, fanned out by the key's first two characters; written to a temporary name, then renamed. */
export function createLocalStorage(dir: string): BlobStorage {
  const fileOf = (key: string) => path.join(dir, checkKey(key).slice(0, 2), key);
  return {
    kind: "local",
    async put(key, bytes) {
      const file = fileOf(key);
      await fsp.mkdir(path.dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      await fsp.writeFile(tmp, bytes, { mode: 0o600 });
      await fsp.rename(tmp, file);
    },
    async get(key) {
      const file = fileOf(key);
      try {
        await fsp.access(file);
      } catch {
        return null;
      }
      return Readable.toWeb(fs.createReadStream(file)) as ReadableStream<Uint8Array>;
    },
    async delete(key) {
      await fsp.rm(fileOf(key), { force: true });
    },
  };
}

/**
 * The S3 client is loaded when a bucket is first used: the SDK takes most of a second to import, which every
 * process (and every test file) would otherwise pay whether or not S3 is configured.
 */
export function createS3Storage(config: Extract<StorageConfig, { kind: "s3" }>): BlobStorage {
  let loaded: Promise<{ s3: typeof import("@aws-sdk/client-s3"); client: import("@aws-sdk/client-s3").S3Client }> | undefined;
  const sdk = () =>
    (loaded ??= import("@aws-sdk/client-s3").then((s3) => ({
      s3,
      client: new s3.S3Client({
        region: config.region,
        endpoint: config.endpoint,
        forcePathStyle: config.forcePathStyle,
        credentials: config.credentials,
      }),
    })));
  const Bucket = config.bucket;
  return {
    kind: "s3",
    async put(key, bytes, contentType) {
      const { s3, client } = await sdk();
      await client.send(new s3.PutObjectCommand({ Bucket, Key: checkKey(key), Body: bytes, ContentType: contentType }));
    },
    async get(key) {
      const { s3, client } = await sdk();
      try {
        const res = await client.send(new s3.GetObjectCommand({ Bucket, Key: checkKey(key) }));
        return res.Body ? (res.Body.transformToWebStream() as ReadableStream<Uint8Array>) : null;
      } catch (err) {
        if ((err as { name?: string }).name === "NoSuchKey") return null;
        throw err;
      }
    },
    async delete(key) {
      const { s3, client } = await sdk();
      await client.send(new s3.DeleteObjectCommand({ Bucket, Key: checkKey(key) }));
    },
  };
}

/** The one place the storage is chosen. */
export function createStorage(config: StorageConfig): BlobStorage {
  return config.kind === "s3" ? createS3Storage(config) : createLocalStorage(config.dir);
}

const holder = globalThis as unknown as { __mayakAttachmentStorage?: BlobStorage };

/** The app's storage, made on first use from the configuration. */
export function getStorage(): BlobStorage {
  holder.__mayakAttachmentStorage ??= createStorage(attachmentSettings().storage);
  return holder.__mayakAttachmentStorage;
}
