import "server-only";

/** A page of a list read newest first by id: the query fetched `limit + 1` rows to know if more follow. */
export interface KeyPage<T> {
  items: T[];
  nextCursor: number | null;
}

export function toKeyPage<R extends { id: number }, T>(rows: R[], limit: number, map: (row: R) => T): KeyPage<T> {
  const page = rows.slice(0, limit);
  return { items: page.map(map), nextCursor: rows.length > limit ? page[page.length - 1].id : null };
}
