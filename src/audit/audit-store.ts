import type { Db } from '../store/db.js';
import type { AuditEntry } from './audit-service.js';

/** SQL for the audit log: append and read, nothing else. */
export class AuditStore {
  constructor(private readonly db: Db) {}

  async appendAuditEntry(e: Omit<AuditEntry, 'id'>): Promise<void> {
    await this.db
      .insertInto('audit_log')
      .values({ at: e.at, actor_id: e.actorId, actor_name: e.actorName, action: e.action, subject: e.subject, detail: e.detail })
      .execute();
  }

  async listAuditEntries(opts: { limit: number; offset: number }): Promise<AuditEntry[]> {
    const rows = await this.db.selectFrom('audit_log').selectAll().orderBy('at', 'desc').orderBy('id', 'desc').limit(opts.limit).offset(opts.offset).execute();
    return rows.map((r) => ({ id: r.id, at: r.at, actorId: r.actor_id, actorName: r.actor_name, action: r.action, subject: r.subject, detail: r.detail }));
  }
}
