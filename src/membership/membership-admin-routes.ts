import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { actorFrom, redirect } from '../admin/admin-context.js';
import type { AdminHelpers } from '../admin/admin-routes.js';
import { HttpError, notFound } from '../http/errors.js';
import { EMPTY_GRANT, MemberAdminPage, MembersAdminPage, type GrantFormValues } from '../views/pages/admin/membership-admin-pages.js';
import { SupportAdminPage, TiersAdminPage, type SupportSettingsValues, type TierFormValues } from '../views/pages/admin/support-admin-pages.js';
import { renderDocument } from '../views/render.js';
import { CURRENCIES, isCurrent, type Tier } from './member.js';
import type { MemberService } from './member-service.js';
import type { PatronService } from './patron-service.js';
import { SUPPORT_TEXTS, type SupportSettings } from './support-settings.js';
import type { SiteService } from '../site/site-service.js';
import { translatedValues, translationFormValues, translationsFromForm } from '../i18n/outlet-text.js';
import { formLanguages } from '../views/pages/admin/translation-fields.js';
import { idParams, parseId } from '../http/url-ids.js';
import { adminText } from '../i18n/admin-text.js';

export interface MembershipAdminDeps {
  members: MemberService;
  patrons: PatronService;
  stripeConfigured: boolean;
  /** The outlet's languages: each other one gets its fieldset in the tier and support forms. */
  site: Pick<SiteService, 'getSettings'>;
  clock: () => Date;
}
const TIER_TEXTS = ['name', 'description'] as const;

const PER_PAGE = 50;
const text = (max: number) => z.string().max(max).default('');

/** "4.50" → 450 cents; "" → null; anything else is kept as NaN so the schema names the field. */
const cents = (v: string): number | null =>
  v.trim() === '' ? null : /^\d{1,7}([.,]\d{1,2})?$/.test(v.trim()) ? Math.round(Number(v.trim().replace(',', '.')) * 100) : Number.NaN;
const money = (c: number | null) => (c === null ? '' : (c / 100).toFixed(2));

const tierValues = (t: Tier): TierFormValues => ({
  name: t.name,
  description: t.description,
  monthlyPrice: money(t.monthlyPrice),
  yearlyPrice: money(t.yearlyPrice),
  currency: t.currency,
  voteWeight: String(t.voteWeight),
  position: String(t.position),
  translated: translationFormValues(t.translations),
});
const EMPTY_TIER: TierFormValues = {
  name: '',
  description: '',
  monthlyPrice: '',
  yearlyPrice: '',
  currency: 'EUR',
  voteWeight: '1',
  position: '0',
  translated: {},
};
const tierBody = z.object({
  name: text(1000),
  description: text(5000),
  monthlyPrice: text(20),
  yearlyPrice: text(20),
  currency: text(10),
  voteWeight: text(10),
  position: text(10),
});

const settingsValues = ({ translations, ...s }: SupportSettings): SupportSettingsValues => ({
  ...s,
  dismissDays: String(s.dismissDays),
  skipFirstArticles: String(s.skipFirstArticles),
  translated: translationFormValues(translations),
});
const settingsBody = z.object({
  pitch: text(10_000),
  otherWays: text(20_000),
  payByHand: text(10_000),
  appealEnabled: z.string().optional(),
  appealHeading: text(1000),
  appealText: text(5000),
  appealButton: text(1000),
  dismissDays: text(10),
  skipFirstArticles: text(10),
});
const wholeNumber = (v: string) => (/^\d{1,6}$/.test(v.trim()) ? Number(v.trim()) : Number.NaN);

/** /admin/members, /admin/tiers and /admin/support: admins and owners run reader revenue. */
export function registerMembershipAdminRoutes(deps: MembershipAdminDeps) {
  return (admin: FastifyInstance, h: AdminHelpers) => {
    const tierOptions = async () =>
      (await deps.patrons.listTiers({ includeArchived: true })).map((t) => ({ id: t.id, name: t.archivedAt ? `${t.name} (archived)` : t.name }));

    const membersPage = async (
      req: FastifyRequest,
      reply: Parameters<AdminHelpers['chrome']>[1],
      opts: { grant?: GrantFormValues; grantErrors?: Record<string, string>; error?: string; status?: number } = {},
    ) => {
      const { q, page } = z.object({ q: z.string().max(254).default(''), page: z.coerce.number().int().min(1).max(100_000).default(1) }).parse(req.query);
      const now = deps.clock();
      const [rows, patronCount, tiers] = await Promise.all([
        deps.patrons.listMembers({ now, query: q.trim().toLowerCase(), page, perPage: PER_PAGE }),
        deps.patrons.countPatrons(now),
        tierOptions(),
      ]);
      const chrome = await h.chrome(req, reply, { error: opts.error ?? null });
      const moment = await h.moments();
      const html = renderDocument(
        MembersAdminPage({
          chrome,
          query: q,
          members: rows.slice(0, PER_PAGE).map(({ member, patron }) => ({
            href: `/admin/members/${member.id}`,
            email: member.email,
            name: member.name,
            joined: moment(member.createdAt),
            patron,
          })),
          patronCount,
          nextHref: rows.length > PER_PAGE ? `/admin/members?${new URLSearchParams({ q, page: String(page + 1) }).toString()}` : null,
          tiers,
          grant: opts.grant ?? EMPTY_GRANT,
          grantErrors: opts.grantErrors ?? {},
        }),
      );
      return h.sendPage(reply, html, opts.status);
    };

    admin.get('/members', { config: { can: 'members.manage' } }, async function showMembersPage(req, reply) {
      return membersPage(req, reply);
    });

    admin.get('/members/:id', { config: { can: 'members.manage' } }, async function showMemberPage(req, reply) {
      const { id } = idParams.parse(req.params);
      const member = await deps.members.findMember(id);
      if (!member) throw notFound('member');
      const now = deps.clock();
      const [patronages, tiers] = await Promise.all([deps.patrons.listPatronages(id), deps.patrons.listTiers({ includeArchived: true })]);
      const { granted } = z.object({ granted: z.string().max(5).optional() }).parse(req.query);
      const chrome = await h.chrome(req, reply, { notice: granted ? adminText('member.granted') : null });
      const moment = await h.moments();
      const html = renderDocument(
        MemberAdminPage({
          chrome,
          email: member.email,
          name: member.name,
          joined: moment(member.createdAt),
          stripeCustomer: member.stripeCustomerId,
          patron: patronages.some((p) => isCurrent(p, now)),
          patronages: patronages.map((p) => ({
            tier: tiers.find((t) => t.id === p.tierId)?.name ?? adminText('member.patronage.noTier'),
            source:
              p.source === 'stripe'
                ? adminText('member.patronage.stripe', { subscription: p.stripeSubscriptionId ?? '' })
                : adminText('member.patronage.byHand'),
            status: isCurrent(p, now)
              ? p.status.replace('_', ' ')
              : p.status === 'cancelled'
                ? adminText('member.patronage.ended')
                : adminText('member.patronage.lapsed'),
            until: p.expiresAt ? adminText('member.patronage.until', { day: moment.lastDay(p.expiresAt) }) : adminText('member.patronage.noEnd'),
            note: p.note,
            grantedBy: p.grantedBy ?? '',
            endAction: p.source === 'manual' && isCurrent(p, now) ? `/admin/members/patronages/${p.id}/end` : null,
          })),
          tiers: tiers.filter((t) => !t.archivedAt).map((t) => ({ id: t.id, name: t.name })),
        }),
      );
      return h.sendPage(reply, html);
    });

    admin.post('/members/grant', { config: { can: 'members.manage' } }, async function submitGrant(req, reply) {
      const actor = actorFrom(req);
      const body = z.object({ email: text(1000), tierId: text(20), until: text(20), note: text(5000) }).parse(req.body);
      const tierId = body.tierId === '' ? null : parseId(body.tierId);
      if (tierId === null && body.tierId !== '')
        return membersPage(req, reply, { grant: body, grantErrors: { tierId: adminText('grant.tier.invalid') }, error: adminText('grant.error'), status: 422 });
      const result = await deps.patrons.grantPatronage(
        { email: body.email.trim(), tierId, until: body.until === '' ? null : body.until, note: body.note },
        { now: deps.clock(), actor },
      );
      if (!result.ok)
        return membersPage(req, reply, {
          grant: body,
          grantErrors: { [result.field ?? 'email']: result.message },
          error: adminText('grant.error'),
          status: 422,
        });
      return redirect(reply, `/admin/members/${result.member.id}?granted=1`);
    });

    admin.post('/members/patronages/:id/end', { config: { can: 'members.manage' } }, async function submitEndGrant(req, reply) {
      const actor = actorFrom(req);
      const { id } = idParams.parse(req.params);
      const result = await deps.patrons.endGrant(id, { now: deps.clock(), actor });
      if (!result.ok) throw new HttpError(result.status, result.message);
      return redirect(reply, '/admin/members');
    });

    const tiersPage = async (
      req: FastifyRequest,
      reply: Parameters<AdminHelpers['chrome']>[1],
      opts: { failed?: { id: number | null; values: TierFormValues; errors: Record<string, string> }; notice?: string } = {},
    ) => {
      const [tiers, site] = await Promise.all([deps.patrons.listTiers({ includeArchived: true }), deps.site.getSettings()]);
      const failed = opts.failed;
      const chrome = await h.chrome(req, reply, { notice: opts.notice ?? null, error: failed ? adminText('membership.checkFields') : null });
      const html = renderDocument(
        TiersAdminPage({
          chrome,
          tiers: tiers.map((t) => ({
            id: t.id,
            archived: t.archivedAt !== null,
            values: failed?.id === t.id ? failed.values : tierValues(t),
            errors: failed?.id === t.id ? failed.errors : {},
          })),
          newTier: failed && failed.id === null ? failed.values : EMPTY_TIER,
          newErrors: failed && failed.id === null ? failed.errors : {},
          currencies: CURRENCIES,
          languages: formLanguages(site),
        }),
      );
      return h.sendPage(reply, html, failed ? 422 : 200);
    };

    admin.get('/tiers', { config: { can: 'members.manage' } }, async function showTiersPage(req, reply) {
      return tiersPage(req, reply);
    });

    const saveTier = async (req: FastifyRequest, reply: Parameters<AdminHelpers['chrome']>[1], id: number | null) => {
      const actor = actorFrom(req);
      const body = { ...tierBody.parse(req.body), translated: translatedValues(req.body) };
      const existing = id === null ? null : await deps.patrons.findTier(id);
      const input = {
        ...body,
        // The form's languages replace theirs; a language no longer offered keeps its texts.
        translations: { ...existing?.translations, ...translationsFromForm(body.translated, TIER_TEXTS) },
        monthlyPrice: cents(body.monthlyPrice),
        yearlyPrice: cents(body.yearlyPrice),
        voteWeight: wholeNumber(body.voteWeight),
        position: wholeNumber(body.position || '0'),
      };
      const result = await deps.patrons.saveTier(id, input, { now: deps.clock(), actor });
      if (!result.ok && result.status === 404) throw notFound('tier');
      if (!result.ok) return tiersPage(req, reply, { failed: { id, values: body, errors: { [result.field ?? 'name']: result.message } } });
      return tiersPage(req, reply, { notice: adminText('tiers.saved', { name: result.tier.name }) });
    };
    admin.post('/tiers', { config: { can: 'members.manage' } }, async function submitNewTier(req, reply) {
      return saveTier(req, reply, null);
    });
    admin.post('/tiers/:id', { config: { can: 'members.manage' } }, async function submitTier(req, reply) {
      return saveTier(req, reply, idParams.parse(req.params).id);
    });
    for (const action of ['archive', 'restore'] as const) {
      admin.post(`/tiers/:id/${action}`, { config: { can: 'members.manage' } }, async function submitTierArchive(req, reply) {
        const actor = actorFrom(req);
        const result = await deps.patrons.archiveTier(idParams.parse(req.params).id, action === 'archive', { now: deps.clock(), actor });
        if (!result.ok) throw new HttpError(result.status, result.message);
        return redirect(reply, '/admin/tiers');
      });
    }

    const supportPage = async (
      req: FastifyRequest,
      reply: Parameters<AdminHelpers['chrome']>[1],
      opts: { values?: SupportSettingsValues; errors?: Record<string, string>; notice?: string } = {},
    ) => {
      const [settings, events, site] = await Promise.all([deps.patrons.getSupportSettings(), deps.patrons.recentStripeEvents(50), deps.site.getSettings()]);
      const errors = opts.errors ?? {};
      const chrome = await h.chrome(req, reply, {
        notice: opts.notice ?? null,
        error: Object.keys(errors).length ? adminText('membership.checkFields') : null,
      });
      const moment = await h.moments();
      const html = renderDocument(
        SupportAdminPage({
          chrome,
          values: opts.values ?? settingsValues(settings),
          errors,
          stripeConfigured: deps.stripeConfigured,
          events: events.map((e) => ({ id: e.id, type: e.type, at: moment(e.processedAt), outcome: e.outcome })),
          languages: formLanguages(site),
        }),
      );
      return h.sendPage(reply, html, Object.keys(errors).length ? 422 : 200);
    };

    admin.get('/support', { config: { can: 'members.manage' } }, async function showSupportSettings(req, reply) {
      return supportPage(req, reply);
    });

    admin.post('/support', { config: { can: 'members.manage' } }, async function submitSupportSettings(req, reply) {
      const actor = actorFrom(req);
      const body = settingsBody.parse(req.body);
      const values: SupportSettingsValues = { ...body, appealEnabled: body.appealEnabled === '1', translated: translatedValues(req.body) };
      const current = await deps.patrons.getSupportSettings();
      const { translated, ...plain } = values;
      // Purges `site` and `support` (patron-service): every story's appeal and /support, in every language.
      const result = await deps.patrons.updateSupportSettings(
        {
          ...plain,
          dismissDays: wholeNumber(body.dismissDays),
          skipFirstArticles: wholeNumber(body.skipFirstArticles),
          translations: { ...current.translations, ...translationsFromForm(translated, SUPPORT_TEXTS) },
        },
        { now: deps.clock(), actor },
      );
      if (!result.ok) return supportPage(req, reply, { values, errors: { [result.field ?? 'pitch']: result.message } });
      return supportPage(req, reply, { notice: adminText('support.saved') });
    });
  };
}
