import "server-only";
import { sql, type RawBuilder } from "kysely";

/**
 * `column LIKE '%text%'` with the text taken literally (% and _ escaped with `!`, which both dialects accept
 * as the escape character; a backslash would need doubling on MySQL/MariaDB only). Case-insensitive on
 * MySQL/MariaDB (utf8mb4_unicode_ci) and for ASCII letters on SQLite: callers that need more check the rows
 * they get in code.
 */
export function likeContains(column: string, text: string): RawBuilder<boolean> {
  const pattern = `%${text.replace(/[!%_]/g, (c) => `!${c}`)}%`;
  return sql<boolean>`${sql.ref(column)} like ${pattern} escape '!'`;
}
