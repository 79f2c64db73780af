import { parseArgs } from "node:util";
import { z } from "zod";
import { getDb } from "../server/db";
import { migrateToLatest } from "../server/db/migrate";
import { createUser } from "../server/users/sign-up";
import { systemCtx } from "../server/context";
import { ZEmail, ZName, ZPassword, ZRole } from "../server/users/schemas";
import { AppError } from "../server/errors";
import { checkPassword } from "../server/auth/password-policy";
import { msg } from "../lib/i18n";

const { values } = parseArgs({
  options: {
    email: { type: "string" },
    role: { type: "string", default: "admin" },
    name: { type: "string" },
    password: { type: "string" },
  },
});
const parsed = z.object({ email: ZEmail, role: ZRole, name: ZName, password: ZPassword }).safeParse({
  ...values,
  name: values.name ?? values.email?.split("@")[0] ?? "",
  password: values.password ?? process.env.MAYAK_PASSWORD,
});
if (!parsed.success) {
  console.error(
    'Usage: npm run user:create -- --email you@example.com --role admin|lead|agent|customer [--name "Full Name"] [--password …]',
  );
  console.error("(or pass the password in MAYAK_PASSWORD so it stays out of your shell history)");
  for (const i of parsed.error.issues) console.error(`  --${i.path.join(".")}: ${i.message}`);
  process.exit(2);
}
const verdict = checkPassword(parsed.data.password, parsed.data);
if (!verdict.ok) {
  console.error("The password is refused:");
  for (const k of verdict.problems) console.error(`  ${msg(k)}`);
  process.exit(2);
}
const db = getDb();
await migrateToLatest(db);
try {
  const { id } = await createUser(db, { ...systemCtx(), userAgent: "cli" }, parsed.data);
  console.log(`Created ${parsed.data.role} #${id} ${parsed.data.email}.`);
} catch (err) {
  if (err instanceof AppError) {
    console.error(err.message);
    process.exitCode = 1;
  } else throw err;
} finally {
  await db.destroy();
}
