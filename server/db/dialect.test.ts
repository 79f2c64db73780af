import { describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import { dialectOf } from "./dialect";
import { describeEachDialect } from "@/tests/db";

describeEachDialect("dialectOf", (use, dialect) => {
  it("names the database it was opened on", () => {
    expect(dialectOf(use())).toBe(dialect);
  });
});

describe("dialectOf, with Kysely's classes from another bundle", () => {
  // In the built app a database opened by one bundle is used by code of another, with its own copy of Kysely:
  // `instanceof MysqlAdapter` is false there, and MariaDB was taken for SQLite (no FOR UPDATE on the audit head).
  const withAdapter = (adapter: object) => ({ getExecutor: () => ({ adapter }) }) as unknown as Kysely<unknown>;

  it("knows MySQL/MariaDB by what its adapter can do, not by its class", () => {
    class AnotherCopyOfMysqlAdapter {
      get supportsReturning() {
        return false;
      }
    }
    class AnotherCopyOfSqliteAdapter {
      get supportsReturning() {
        return true;
      }
    }
    expect(dialectOf(withAdapter(new AnotherCopyOfMysqlAdapter()))).toBe("mysql");
    expect(dialectOf(withAdapter(new AnotherCopyOfSqliteAdapter()))).toBe("sqlite");
  });
});
