import type { Selectable } from 'kysely';
import type { Database } from '../store/schema.js';
import type { Db } from '../store/db.js';
import { containsText } from '../store/like-pattern.js';
import { parseTranslations, type Translations } from '../i18n/outlet-text.js';
import type { Currency, Member, Patronage, PatronageStatus, Tier } from './member.js';

type MemberRow = Selectable<Database['members']>;
type TierRow = Selectable<Database['tiers']>;
type PatronageRow = Selectable<Database['patronages']>;

const toMember = (r: MemberRow): Member => ({ id: r.id, email: r.email, name: r.name, createdAt: r.created_at, stripeCustomerId: r.stripe_customer_id });
const toTier = (r: TierRow): Tier => ({
  id: r.id,
  name: r.name,
  description: r.description,
  monthlyPrice: r.monthly_price,
  yearlyPrice: r.yearly_price,
  currency: r.currency as Currency,
  voteWeight: r.vote_weight,
  position: r.position,
  archivedAt: r.archived_at,
  translations: parseTranslations(r.translations),
});
const toPatronage = (r: PatronageRow): Patronage => ({
  id: r.id,
  memberId: r.member_id,
  tierId: r.tier_id,
  source: r.source,
  status: r.status,
  expiresAt: r.expires_at,
  stripeSubscriptionId: r.stripe_subscription_id,
  note: r.note,
  grantedBy: r.granted_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export interface TierFields {
  name: string;
  description: string;
  monthlyPrice: number | null;
  yearlyPrice: number | null;
  currency: Currency;
  voteWeight: number;
  position: number;
  translations: Translations<'name' | 'description'>;
}

export interface PatronageState {
  tierId?: number | null;
  status?: PatronageStatus;
  expiresAt?: string | null;
  stripeStateAt?: string;
  note?: string;
  updatedAt: string;
}

/** SQL for members, their sign-in links, tiers, patronages and the Stripe events already processed. */
export class MemberStore {
  constructor(private readonly db: Db) {}

  async findMemberById(id: number): Promise<Member | null> {
    const r = await this.db.selectFrom('members').selectAll().where('id', '=', id).executeTakeFirst();
    return r ? toMember(r) : null;
  }

  async findMemberByEmail(email: string): Promise<Member | null> {
    const r = await this.db.selectFrom('members').selectAll().where('email', '=', email).executeTakeFirst();
    return r ? toMember(r) : null;
  }

  async findMemberByStripeCustomer(customerId: string): Promise<Member | null> {
    const r = await this.db.selectFrom('members').selectAll().where('stripe_customer_id', '=', customerId).executeTakeFirst();
    return r ? toMember(r) : null;
  }

  /** The member with this email, created if there is none. Two sign-ups at once make one member. */
  async upsertMemberByEmail(email: string, createdAt: string): Promise<Member> {
    await this.db
      .insertInto('members')
      .values({ email, created_at: createdAt, stripe_customer_id: null })
      .onConflict((oc) => oc.column('email').doNothing())
      .execute();
    return toMember(await this.db.selectFrom('members').selectAll().where('email', '=', email).executeTakeFirstOrThrow());
  }

  async updateMemberName(id: number, name: string): Promise<void> {
    await this.db.updateTable('members').set({ name }).where('id', '=', id).execute();
  }

  async setStripeCustomer(id: number, customerId: string): Promise<void> {
    await this.db.updateTable('members').set({ stripe_customer_id: customerId }).where('id', '=', id).where('stripe_customer_id', 'is', null).execute();
  }

  /** Deletes the member; their patronages and votes go with them (ON DELETE CASCADE), their proposals stay unattributed. */
  async deleteMember(id: number): Promise<void> {
    await this.db
      .deleteFrom('member_login_tokens')
      .where('email', '=', this.db.selectFrom('members').select('email').where('id', '=', id))
      .execute();
    await this.db.deleteFrom('members').where('id', '=', id).execute();
  }

  /** Members, newest first, with whether each is a patron at `now`. */
  async listMembers(opts: { now: string; query: string; limit: number; offset: number }): Promise<{ member: Member; patron: boolean }[]> {
    let q = this.db
      .selectFrom('members as m')
      .selectAll('m')
      .select((eb) =>
        eb
          .exists(
            eb
              .selectFrom('patronages as p')
              .select('p.id')
              .whereRef('p.member_id', '=', 'm.id')
              .where('p.status', 'in', ['active', 'past_due'])
              .where((w) => w.or([w('p.expires_at', 'is', null), w('p.expires_at', '>', opts.now)])),
          )
          .as('is_patron'),
      );
    if (opts.query) q = q.where(containsText('m.email', opts.query));
    const rows = await q.orderBy('m.created_at', 'desc').orderBy('m.id', 'desc').limit(opts.limit).offset(opts.offset).execute();
    return rows.map((r) => ({ member: toMember(r), patron: Boolean(r.is_patron) }));
  }

  async countPatrons(now: string): Promise<number> {
    const r = await this.db
      .selectFrom('patronages')
      .select((eb) => eb.fn.count<number>('member_id').distinct().as('n'))
      .where('status', 'in', ['active', 'past_due'])
      .where((w) => w.or([w('expires_at', 'is', null), w('expires_at', '>', now)]))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  /** Whether any patronage reached its end date in (after, upTo]: someone stopped being a patron then. */
  async anyPatronageEndedBetween(after: string, upTo: string): Promise<boolean> {
    const r = await this.db.selectFrom('patronages').select('id').where('expires_at', '>', after).where('expires_at', '<=', upTo).limit(1).executeTakeFirst();
    return r !== undefined;
  }

  async insertLoginToken(t: { tokenHash: string; email: string; createdAt: string; expiresAt: string }): Promise<void> {
    await this.db
      .insertInto('member_login_tokens')
      .values({ token_hash: t.tokenHash, email: t.email, created_at: t.createdAt, expires_at: t.expiresAt, used_at: null })
      .execute();
  }

  /** How many sign-in links went to this address since `since` (the per-address limit). */
  async countLoginTokensSince(email: string, since: string): Promise<number> {
    const r = await this.db
      .selectFrom('member_login_tokens')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('email', '=', email)
      .where('created_at', '>', since)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  /** Uses a link: one conditional UPDATE, so two clicks at once sign in once. Returns its email, or null. */
  async consumeLoginToken(tokenHash: string, now: string): Promise<string | null> {
    const r = await this.db
      .updateTable('member_login_tokens')
      .set({ used_at: now })
      .where('token_hash', '=', tokenHash)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .returning('email')
      .executeTakeFirst();
    return r?.email ?? null;
  }

  async isLoginTokenUsable(tokenHash: string, now: string): Promise<boolean> {
    const r = await this.db
      .selectFrom('member_login_tokens')
      .select('email')
      .where('token_hash', '=', tokenHash)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .executeTakeFirst();
    return r !== undefined;
  }

  async pruneLoginTokens(before: string): Promise<void> {
    await this.db.deleteFrom('member_login_tokens').where('expires_at', '<', before).execute();
  }

  async listTiers(includeArchived: boolean): Promise<Tier[]> {
    let q = this.db.selectFrom('tiers').selectAll();
    if (!includeArchived) q = q.where('archived_at', 'is', null);
    return (await q.orderBy('position').orderBy('id').execute()).map(toTier);
  }

  async findTier(id: number): Promise<Tier | null> {
    const r = await this.db.selectFrom('tiers').selectAll().where('id', '=', id).executeTakeFirst();
    return r ? toTier(r) : null;
  }

  async insertTier(t: TierFields & { createdAt: string }): Promise<Tier> {
    const r = await this.db
      .insertInto('tiers')
      .values({
        name: t.name,
        description: t.description,
        monthly_price: t.monthlyPrice,
        yearly_price: t.yearlyPrice,
        currency: t.currency,
        vote_weight: t.voteWeight,
        position: t.position,
        translations: JSON.stringify(t.translations),
        archived_at: null,
        created_at: t.createdAt,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toTier(r);
  }

  async updateTier(id: number, t: TierFields): Promise<void> {
    await this.db
      .updateTable('tiers')
      .set({
        name: t.name,
        description: t.description,
        monthly_price: t.monthlyPrice,
        yearly_price: t.yearlyPrice,
        currency: t.currency,
        vote_weight: t.voteWeight,
        position: t.position,
        translations: JSON.stringify(t.translations),
      })
      .where('id', '=', id)
      .execute();
  }

  async setTierArchived(id: number, archivedAt: string | null): Promise<void> {
    await this.db.updateTable('tiers').set({ archived_at: archivedAt }).where('id', '=', id).execute();
  }

  async listPatronagesOf(memberId: number): Promise<Patronage[]> {
    const rows = await this.db
      .selectFrom('patronages')
      .selectAll()
      .where('member_id', '=', memberId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .execute();
    return rows.map(toPatronage);
  }

  async findPatronage(id: number): Promise<Patronage | null> {
    const r = await this.db.selectFrom('patronages').selectAll().where('id', '=', id).executeTakeFirst();
    return r ? toPatronage(r) : null;
  }

  /** The subscription's patronage, with the Stripe event time of its last applied state. */
  async findPatronageBySubscription(subscriptionId: string): Promise<(Patronage & { stripeStateAt: string }) | null> {
    const r = await this.db.selectFrom('patronages').selectAll().where('stripe_subscription_id', '=', subscriptionId).executeTakeFirst();
    return r ? { ...toPatronage(r), stripeStateAt: r.stripe_state_at } : null;
  }

  async insertPatronage(p: Omit<Patronage, 'id'> & { stripeStateAt?: string }): Promise<Patronage> {
    const r = await this.db
      .insertInto('patronages')
      .values({
        member_id: p.memberId,
        tier_id: p.tierId,
        source: p.source,
        status: p.status,
        expires_at: p.expiresAt,
        stripe_subscription_id: p.stripeSubscriptionId,
        stripe_state_at: p.stripeStateAt ?? '',
        note: p.note,
        granted_by: p.grantedBy,
        created_at: p.createdAt,
        updated_at: p.updatedAt,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toPatronage(r);
  }

  async updatePatronage(id: number, s: PatronageState): Promise<void> {
    await this.db
      .updateTable('patronages')
      .set({
        updated_at: s.updatedAt,
        ...(s.tierId !== undefined ? { tier_id: s.tierId } : {}),
        ...(s.status !== undefined ? { status: s.status } : {}),
        ...(s.expiresAt !== undefined ? { expires_at: s.expiresAt } : {}),
        ...(s.stripeStateAt !== undefined ? { stripe_state_at: s.stripeStateAt } : {}),
        ...(s.note !== undefined ? { note: s.note } : {}),
      })
      .where('id', '=', id)
      .execute();
  }

  /**
   * Records a Stripe event as processed. False if it already was: the caller then changes nothing.
   * Run inside the transaction that applies the event, so the record and the effect land together.
   */
  async recordStripeEvent(e: { id: string; type: string; createdAt: string; processedAt: string; outcome: string }): Promise<boolean> {
    const r = await this.db
      .insertInto('stripe_events')
      .values({ id: e.id, type: e.type, created_at: e.createdAt, processed_at: e.processedAt, outcome: e.outcome })
      .onConflict((oc) => oc.column('id').doNothing())
      .returning('id')
      .executeTakeFirst();
    return r !== undefined;
  }

  async updateStripeEventOutcome(id: string, outcome: string): Promise<void> {
    await this.db.updateTable('stripe_events').set({ outcome }).where('id', '=', id).execute();
  }

  async listStripeEvents(limit: number): Promise<{ id: string; type: string; createdAt: string; processedAt: string; outcome: string }[]> {
    const rows = await this.db.selectFrom('stripe_events').selectAll().orderBy('processed_at', 'desc').limit(limit).execute();
    return rows.map((r) => ({ id: r.id, type: r.type, createdAt: r.created_at, processedAt: r.processed_at, outcome: r.outcome }));
  }
}
