import { kysely } from './kysely.js';
import type { Queryable } from './queryable.js';
import { json } from './sql-fragments.js';

/** One line of the audit log (`audit_event`): who did what to which entity, with its state before and after. */
export interface AuditEvent {
  actorRole: string;
  actorId: string | null;
  entity: string;
  entityId: string;
  action: string;
  officeId: string | null;
  before?: unknown;
  after?: unknown;
}

/** Writes an audit line in the caller's transaction, so it commits or rolls back with the change it records. */
export function insertAuditEvent(entry: AuditEvent, db: Queryable): Promise<unknown> {
  return kysely(db)
    .insertInto('auditEvent')
    .values({
      actorRole: entry.actorRole,
      actorId: entry.actorId,
      entity: entry.entity,
      entityId: entry.entityId,
      action: entry.action,
      officeId: entry.officeId,
      before: entry.before === undefined ? null : json(entry.before),
      after: entry.after === undefined ? null : json(entry.after),
    })
    .execute();
}
