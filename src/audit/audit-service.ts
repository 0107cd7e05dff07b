import type { AuditStore } from './audit-store.js';

export interface AuditEntry {
  id: number;
  at: string;
  actorId: number | null;
  actorName: string;
  action: string;
  subject: string;
  detail: string;
}

/** Records who did what (publish, unpublish, schedule, delete, role change, new-device login, settings). */
export class AuditService {
  constructor(private readonly store: AuditStore) {}

  record(e: { at: Date; actor: { id: number; name: string } | null; action: string; subject: string; detail?: string }): Promise<void> {
    return this.store.appendAuditEntry({
      at: e.at.toISOString(),
      actorId: e.actor?.id ?? null,
      actorName: e.actor?.name ?? 'system',
      action: e.action,
      subject: e.subject,
      detail: e.detail ?? '',
    });
  }

  list(page: number, perPage = 50): Promise<AuditEntry[]> {
    return this.store.listAuditEntries({ limit: perPage, offset: (page - 1) * perPage });
  }
}
