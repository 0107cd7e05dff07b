import { z } from 'zod';
import type { MemberStore } from '../membership/member-store.js';
import type { ImportReport } from './import-report.js';
import type { ImportStore } from './import-store.js';
import { isoOrNull, str, type GhostData } from './ghost-export.js';

/** Where a Ghost import's members go, and what it already brought in. */
export interface GhostMembersTarget {
  /** Null on a dry run: members are counted, nothing is written. */
  stores: { members: MemberStore; imports: ImportStore } | null;
  /** Source ids already imported (`member:<id>`): skipped. */
  done: Map<string, unknown>;
  now: Date;
  report: ImportReport;
}

/**
 * Ghost's members: each becomes a member (by email) keeping its newsletter choice; a paid or comped one,
 * or one with a current Stripe subscription, becomes a hand-granted patron until that period ends
 * (no card data is in the file or kept here).
 */
export async function importGhostMembers(data: GhostData, { stores, done, now, report }: GhostMembersTarget): Promise<void> {
  const subsByCustomer = new Map<string, Record<string, unknown>[]>();
  for (const s of data.members_stripe_customers_subscriptions) subsByCustomer.set(str(s.customer_id), [...(subsByCustomer.get(str(s.customer_id)) ?? []), s]);
  const customersOf = new Map<string, string[]>();
  for (const c of data.members_stripe_customers) customersOf.set(str(c.member_id), [...(customersOf.get(str(c.member_id)) ?? []), str(c.customer_id)]);
  const newslettersOf = new Map<string, string[]>();
  const newsletterName = new Map(data.newsletters.map((n) => [str(n.id), str(n.name)]));
  for (const mn of data.members_newsletters)
    newslettersOf.set(str(mn.member_id), [...(newslettersOf.get(str(mn.member_id)) ?? []), newsletterName.get(str(mn.newsletter_id)) ?? str(mn.newsletter_id)]);
  for (const m of data.members) {
    const gid = `member:${str(m.id)}`;
    if (done.has(gid)) {
      report.alreadyImported++;
      continue;
    }
    const email = str(m.email).trim().toLowerCase();
    if (!z.email().safeParse(email).success) {
      report.note(`member ${str(m.id)}: "${email}" is not an email address; skipped`);
      continue;
    }
    const newsletters = newslettersOf.get(str(m.id)) ?? [];
    // Ghost 4 has a `subscribed` flag; Ghost 5 lists the newsletters a member gets.
    const optIn = newsletters.length > 0 || m.subscribed === true || m.subscribed === 1;
    const subs = (customersOf.get(str(m.id)) ?? []).flatMap((c) => subsByCustomer.get(c) ?? []);
    const current = subs
      .filter((s) => ['active', 'trialing', 'past_due'].includes(str(s.status)))
      .map((s) => isoOrNull(s.current_period_end))
      .filter((d): d is string => d !== null)
      .sort()
      .pop();
    const paid = str(m.status) === 'paid' || str(m.status) === 'comped' || current !== undefined;
    report.imported.members++;
    if (paid) report.imported.patrons++;
    if (!stores) continue;
    const member = await stores.members.upsertMemberByEmail(email, isoOrNull(m.created_at) ?? now.toISOString());
    if (str(m.name)) await stores.members.updateMemberName(member.id, str(m.name).slice(0, 200));
    await stores.imports.recordImportedMember(member.id, 'ghost', optIn, newsletters, now.toISOString());
    await stores.imports.recordImported('ghost', gid, 'member', member.id, now.toISOString());
    if (paid) {
      const at = now.toISOString();
      await stores.members.insertPatronage({
        memberId: member.id,
        tierId: null,
        source: 'manual',
        status: 'active',
        expiresAt: current ?? null,
        stripeSubscriptionId: null,
        note: 'Imported from Ghost (paid member)',
        grantedBy: 'ghost import',
        createdAt: at,
        updatedAt: at,
      });
    }
  }
}
