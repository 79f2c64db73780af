import "server-only";
import type { Selectable, Insertable, Updateable } from "kysely";
import type { UserTables, UsersTable } from "./schema/users";
import type { AuthTables } from "./schema/auth";
import type { TicketTables, TicketsTable, TicketMessagesTable } from "./schema/tickets";
import type { SystemTables, AuditEventsTable, JobsTable, OutboxEmailsTable } from "./schema/system";
import type { KbTables, KbArticlesTable, KbRevisionsTable } from "./schema/kb";
import type { StatusTables, StatusComponentsTable, MonitorsTable, IncidentsTable, MaintenancesTable } from "./schema/status";
import type { InboxTables } from "./schema/inbox";
import type { AttachmentTables } from "./schema/attachments";
import type { DeskFlowTables } from "./schema/desk-flow";
import type { SlaTables } from "./schema/sla";
import type { TicketLifeTables } from "./schema/ticket-life";

/**
 * Table types, one file per domain in ./schema. Times are epoch milliseconds (BIGINT) in both dialects;
 * booleans are 0/1; JSON is stored as text and parsed in server/db/json.ts.
 */
export type * from "./schema/users";
export type * from "./schema/auth";
export type * from "./schema/tickets";
export type * from "./schema/system";
export type * from "./schema/kb";
export type * from "./schema/status";
export type * from "./schema/inbox";
export type * from "./schema/attachments";
export type * from "./schema/desk-flow";
export type * from "./schema/sla";
export type * from "./schema/ticket-life";

export interface Database
  extends
    UserTables,
    AuthTables,
    TicketTables,
    SystemTables,
    KbTables,
    StatusTables,
    InboxTables,
    AttachmentTables,
    DeskFlowTables,
    SlaTables,
    TicketLifeTables {}

export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type Ticket = Selectable<TicketsTable>;
export type TicketMessage = Selectable<TicketMessagesTable>;
export type AuditEvent = Selectable<AuditEventsTable>;
export type Job = Selectable<JobsTable>;
export type OutboxEmail = Selectable<OutboxEmailsTable>;
export type KbArticle = Selectable<KbArticlesTable>;
export type KbRevision = Selectable<KbRevisionsTable>;
export type StatusComponent = Selectable<StatusComponentsTable>;
export type Monitor = Selectable<MonitorsTable>;
export type Incident = Selectable<IncidentsTable>;
export type Maintenance = Selectable<MaintenancesTable>;
