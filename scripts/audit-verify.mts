import { getDb } from "../server/db";
import { verifyAuditChain } from "../server/audit/verify-chain";

const db = getDb();
const report = await verifyAuditChain(db);
await db.destroy();
if (report.ok) {
  console.log(`Audit trail intact: ${report.checked} events, every hash matches.`);
  if (report.redacted) console.log(`  ${report.redacted} of them had personal data redacted by an erasure; their digests still match.`);
  if (report.startsAfter)
    console.log(`  Checked from the retention checkpoint after event ${report.startsAfter.id} (hash ${report.startsAfter.hash}).`);
} else {
  console.error(`Audit trail BROKEN: ${report.problems.length} problem(s) in ${report.checked} events:`);
  for (const p of report.problems) {
    console.error(
      `  event ${p.id}: ${p.problem}${p.checkpoint ? ` (found before an upgrade or a prune, kept in audit_checkpoints row ${p.checkpoint})` : ""}`,
    );
  }
  process.exit(1);
}
