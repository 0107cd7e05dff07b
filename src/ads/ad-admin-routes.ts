import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { actorOf } from '../accounts/user.js';
import { redirect, staffOf } from '../admin/admin-context.js';
import type { AdminHelpers } from '../admin/admin-routes.js';
import { uploadedFile } from '../admin/admin-uploads.js';
import type { ArticleService } from '../articles/article-service.js';
import { notFound } from '../http/errors.js';
import { adminText } from '../i18n/admin-text.js';
import { idParams } from '../http/url-ids.js';
import { AdCampaignPage, AdListPage, type AdCampaignFormView, type AdSettingsFormView } from '../views/pages/admin/ad-admin-pages.js';
import { lastLocalDay, utcToZonedLocal } from '../site/time-zone.js';
import { renderDocument } from '../views/render.js';
import { isRunning, type AdSettings, type Campaign, type RawCampaign } from './ad.js';
import { reportCsv } from './ad-report.js';
import { creativeSrc } from './ad-routes.js';
import type { AdService } from './ad-service.js';

const DONE = {
  created: () => adminText('admin.ads.notice.created'),
  saved: () => adminText('admin.ads.notice.saved'),
  settings: () => adminText('admin.ads.notice.settings'),
} as const;
const doneQuery = z.object({ done: z.enum(Object.keys(DONE) as [keyof typeof DONE]).optional() });

/** Every route below: editors and up. */
const manage = { config: { can: 'ads.manage' } } as const;

const str = (max: number) => z.string().max(max).default('');
/** The multipart campaign form. Files arrive as temporary files (an empty file input has 0 bytes); repeated checkboxes as a list. */
const campaignBody = z.object({
  name: str(1000),
  advertiser: str(1000),
  image: uploadedFile.optional(),
  alt: str(2000),
  html: str(40_000),
  link: str(4000),
  slots: z.union([z.string().max(40), z.array(z.string().max(40)).max(10)]).optional(),
  starts: str(100),
  ends: str(100),
  weight: str(20),
  dailyCap: str(20),
  section: str(200),
  tag: str(200),
});
const settingsBody = z.object({
  patronsAdFree: z.string().max(10).optional(),
  inlineAfterParagraph: str(20),
  noticeEnabled: z.string().max(10).optional(),
  noticeDismissDays: str(20),
});

/** Whether an instant is a midnight on the outlet's clock: the edge of a day typed as a bare date. */
const isLocalMidnight = (iso: string, tz: string) => Date.parse(iso) % 60_000 === 0 && utcToZonedLocal(iso, tz).endsWith('T00:00');
/** The day a campaign starts, in the outlet's zone, as typed: a bare date when it starts at midnight there. */
const firstDay = (startsAt: string, tz: string) => (isLocalMidnight(startsAt, tz) ? utcToZonedLocal(startsAt, tz).slice(0, 10) : startsAt);
/** The last day a campaign runs, as typed: midnight ends are exclusive, so the day before. */
const lastDay = (endsAt: string, tz: string) => (isLocalMidnight(endsAt, tz) ? lastLocalDay(endsAt, tz) : endsAt);

function stateOf(c: Campaign, now: Date): 'running' | 'scheduled' | 'ended' {
  if (isRunning(c, now)) return 'running';
  return c.startsAt > now.toISOString() ? 'scheduled' : 'ended';
}

function formFor(c: Campaign | null, sections: { slug: string; name: string }[], tz: string): AdCampaignFormView {
  return {
    action: c ? `/admin/ads/${c.id}` : '/admin/ads',
    name: c?.name ?? '',
    advertiser: c?.advertiser ?? '',
    currentImage: c?.creative.kind === 'image' ? { src: creativeSrc(c.creative.media.hash, c.creative.media.widths[0]!, 'jpeg'), alt: c.creative.alt } : null,
    alt: c?.creative.kind === 'image' ? c.creative.alt : '',
    html: c?.creative.kind === 'html' ? c.creative.html : '',
    link: c?.link ?? '',
    slots: c?.slots ?? ['article-end'],
    starts: c ? firstDay(c.startsAt, tz) : '',
    ends: c?.endsAt ? lastDay(c.endsAt, tz) : '',
    weight: String(c?.weight ?? 1),
    dailyCap: c?.dailyCap === null || !c ? '' : String(c.dailyCap),
    section: c?.sectionSlug ?? '',
    tag: c?.tagSlug ?? '',
    sections,
    error: null,
  };
}

function settingsForm(s: AdSettings, error: AdSettingsFormView['error'] = null, typed: Partial<AdSettingsFormView> = {}): AdSettingsFormView {
  return {
    patronsAdFree: s.patronsAdFree,
    inlineAfterParagraph: String(s.inlineAfterParagraph),
    noticeEnabled: s.noticeEnabled,
    noticeDismissDays: String(s.noticeDismissDays),
    error,
    ...typed,
  };
}

/** Campaigns at /admin/ads: the list with counts, create and edit, the CSV report, and the settings. Editors and up (`ads.manage`). */
export function registerAdAdminRoutes(deps: { ads: AdService; articles: ArticleService; clock: () => Date }) {
  return (admin: FastifyInstance, h: AdminHelpers) => {
    void admin.register(async (scope) => {
      const actor = (req: FastifyRequest) => actorOf(staffOf(req).user);
      const sections = async () => (await deps.articles.listAllSections()).map((s) => ({ slug: s.slug, name: s.name }));

      const listPage = async (req: FastifyRequest, reply: FastifyReply, extra: { notice?: string | null; settings?: AdSettingsFormView } = {}) => {
        const now = deps.clock();
        const [summaries, settings, { timeZone: tz }] = await Promise.all([deps.ads.listCampaignSummaries(), deps.ads.getSettings(), h.moments()]);
        const day = (iso: string) => utcToZonedLocal(iso, tz).slice(0, 10);
        const rows = summaries.map(({ campaign: c, impressions, clicks, ctr }) => ({
          id: c.id,
          href: `/admin/ads/${c.id}`,
          name: c.name,
          advertiser: c.advertiser,
          slots: c.slots.join(', '),
          dates: c.endsAt
            ? adminText('admin.ads.row.between', { first: day(c.startsAt), last: lastLocalDay(c.endsAt, tz) })
            : adminText('admin.ads.row.from', { first: day(c.startsAt) }),
          state: stateOf(c, now),
          weight: c.weight,
          impressions,
          clicks,
          ctr: ctr === null ? '–' : `${ctr}%`,
        }));
        const chrome = await h.chrome(req, reply, { notice: extra.notice ?? null });
        const html = renderDocument(AdListPage({ chrome, rows, settings: extra.settings ?? settingsForm(settings) }));
        return h.sendPage(reply, html, extra.settings?.error ? 422 : 200);
      };

      const campaignPage = async (req: FastifyRequest, reply: FastifyReply, form: AdCampaignFormView, status = 200) => {
        const isNew = form.action === '/admin/ads';
        const title = isNew ? adminText('admin.ads.campaign.newTitle') : adminText('admin.ads.campaign.editTitle', { name: form.name });
        const submit = isNew ? adminText('admin.ads.campaign.create') : adminText('admin.ads.campaign.save');
        const html = renderDocument(AdCampaignPage({ chrome: await h.chrome(req, reply), title, form, submit }));
        return h.sendPage(reply, html, status);
      };

      const rawFrom = (body: z.infer<typeof campaignBody>): RawCampaign => ({
        name: body.name,
        advertiser: body.advertiser,
        alt: body.alt,
        html: body.html,
        link: body.link,
        slots: body.slots === undefined ? [] : [body.slots].flat(),
        starts: body.starts,
        ends: body.ends,
        weight: body.weight,
        dailyCap: body.dailyCap,
        section: body.section,
        tag: body.tag,
      });

      /** Re-shows the form with what was typed and the problem, naming its field. */
      const refused = async (
        req: FastifyRequest,
        reply: FastifyReply,
        existing: Campaign | null,
        body: z.infer<typeof campaignBody>,
        error: { field: string; message: string },
      ) => {
        const raw = rawFrom(body);
        const form = {
          ...formFor(existing, await sections(), (await h.moments()).timeZone),
          name: body.name,
          advertiser: body.advertiser,
          alt: body.alt,
          html: body.html,
          link: body.link,
          slots: raw.slots ?? [],
        };
        return campaignPage(
          req,
          reply,
          { ...form, starts: body.starts, ends: body.ends, weight: body.weight, dailyCap: body.dailyCap, section: body.section, tag: body.tag, error },
          422,
        );
      };

      scope.get('/ads', manage, async function showAdList(req, reply) {
        const { done } = doneQuery.parse(req.query);
        return listPage(req, reply, { notice: done ? DONE[done]() : null });
      });

      scope.get('/ads/new', manage, async function showNewCampaign(req, reply) {
        return campaignPage(req, reply, formFor(null, await sections(), (await h.moments()).timeZone));
      });

      scope.post('/ads', manage, async function submitNewCampaign(req, reply) {
        const body = campaignBody.parse(req.body ?? {});
        const result = await deps.ads.createCampaign(rawFrom(body), body.image ?? null, { now: deps.clock(), actor: actor(req) });
        if (!result.ok) return refused(req, reply, null, body, result);
        return redirect(reply, '/admin/ads?done=created');
      });

      scope.get('/ads/report.csv', manage, async function downloadAdReport(_req, reply) {
        const csv = reportCsv(await deps.ads.report());
        const today = utcToZonedLocal(deps.clock().toISOString(), (await h.moments()).timeZone).slice(0, 10);
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="ads-report-${today}.csv"`)
          .header('cache-control', 'private, no-store')
          .send(csv);
      });

      scope.post('/ads/settings', manage, async function submitAdSettings(req, reply) {
        const body = settingsBody.parse(req.body ?? {});
        const whole = (t: string) => (/^\d{1,4}$/.test(t.trim()) ? Number(t.trim()) : NaN);
        const result = await deps.ads.updateSettings(
          {
            patronsAdFree: body.patronsAdFree === 'yes',
            inlineAfterParagraph: whole(body.inlineAfterParagraph),
            noticeEnabled: body.noticeEnabled === 'yes',
            noticeDismissDays: whole(body.noticeDismissDays),
          },
          { now: deps.clock(), actor: actor(req) },
        );
        if (!result.ok) {
          const typed = {
            patronsAdFree: body.patronsAdFree === 'yes',
            noticeEnabled: body.noticeEnabled === 'yes',
            inlineAfterParagraph: body.inlineAfterParagraph,
            noticeDismissDays: body.noticeDismissDays,
          };
          return listPage(req, reply, { settings: settingsForm(await deps.ads.getSettings(), result, typed) });
        }
        return redirect(reply, '/admin/ads?done=settings');
      });

      scope.get('/ads/:id', manage, async function showCampaign(req, reply) {
        const { id } = idParams.parse(req.params);
        const campaign = await deps.ads.findCampaign(id);
        if (!campaign) throw notFound('campaign');
        return campaignPage(req, reply, formFor(campaign, await sections(), (await h.moments()).timeZone));
      });

      scope.post('/ads/:id', manage, async function submitCampaign(req, reply) {
        const { id } = idParams.parse(req.params);
        const existing = await deps.ads.findCampaign(id);
        if (!existing) throw notFound('campaign');
        const body = campaignBody.parse(req.body ?? {});
        const result = await deps.ads.updateCampaign(id, rawFrom(body), body.image ?? null, { now: deps.clock(), actor: actor(req) });
        if (!result.ok) {
          if ('notFound' in result) throw notFound('campaign');
          return refused(req, reply, existing, body, result);
        }
        return redirect(reply, '/admin/ads?done=saved');
      });
    });
  };
}
