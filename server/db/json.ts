import "server-only";

/** JSON is stored as text in both dialects; this is the one place it is written and read. */
export function toJson(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}

export function fromJson<T = unknown>(text: string | null): T | null {
  if (text === null || text === undefined) return null;
  return JSON.parse(text) as T;
}
