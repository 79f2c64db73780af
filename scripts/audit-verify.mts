import { getDb } from "../server/db";
import { verifyAuditChain } from "../server/audit/verify-chain";

const db = getDb();
const report = await verifyAuditChain(db);
await db.destroy();
if (report.ok) {
  console.log(`Audit trail intact: ${report.checked} events, every hash matches.`);
} else {
  console.error(`Audit trail BROKEN: ${report.problems.length} problem(s) in ${report.checked} events:`);
  for (const p of report.problems) console.error(`  event ${p.id}: ${p.problem}`);
  process.exit(1);
}
