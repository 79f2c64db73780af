import "server-only";
import { authedProcedure, procedure, rateLimited, router } from "../init";
import { ZDeleteMyAccount, ZRetentionSettings, ZUserId } from "../../privacy/schemas";
import { exportCustomerData, exportOwnData } from "../../privacy/export-user-data";
import { deleteOwnAccount, eraseCustomer, getErasureSubjectOrThrow } from "../../privacy/erase-user";
import { getRetentionSettings, setRetentionSettings } from "../../privacy/retention";
import { findAuditExportPage, ZAuditExportPage } from "../../audit/export-audit";

/** Personal data: one's own (any signed-in person), customers' (admins), retention, and the audit export. */
export const privacyRouter = router({
  myData: authedProcedure.query(({ ctx }) => exportOwnData(ctx.db, ctx)),
  // The password check costs argon2 work and guesses: a few tries per address.
  deleteMyAccount: authedProcedure
    .use(rateLimited("account-delete", 10, 900_000))
    .input(ZDeleteMyAccount)
    .mutation(({ ctx, input }) => deleteOwnAccount(ctx.db, ctx, input)),
  subject: procedure("privacy.manage")
    .input(ZUserId)
    .query(({ ctx, input }) => getErasureSubjectOrThrow(ctx.db, input.userId)),
  userData: procedure("privacy.manage")
    .input(ZUserId)
    .query(({ ctx, input }) => exportCustomerData(ctx.db, ctx, input)),
  eraseUser: procedure("privacy.manage")
    .input(ZUserId)
    .mutation(({ ctx, input }) => eraseCustomer(ctx.db, ctx, input)),
  retention: procedure("privacy.manage").query(({ ctx }) => getRetentionSettings(ctx.db)),
  setRetention: procedure("privacy.manage")
    .input(ZRetentionSettings)
    .mutation(({ ctx, input }) => setRetentionSettings(ctx.db, ctx, input)),
  auditExportPage: procedure("audit.read")
    .input(ZAuditExportPage)
    .query(({ ctx, input }) => findAuditExportPage(ctx.db, ctx, input)),
});
