import type { ArticleSummary } from '../articles/article.js';
import type { ArticleService } from '../articles/article-service.js';
import type { AuditService } from '../audit/audit-service.js';
import { cacheKeys, type Invalidator } from '../cache/cache-keys.js';
import type { UnitOfWork } from '../store/unit-of-work.js';
import { composeFront, FRONT_SLOT_COUNT, isFrontSlot, swapSlots, type ComposedFront, type FrontSlot } from './front-page.js';
import type { FrontPageStore } from './front-page-store.js';

export interface FrontPageStores {
  frontPage: FrontPageStore;
}

type Actor = { id: number; name: string };
export type PinResult = { ok: true } | { ok: false; reason: 'not-a-slot' | 'not-published' | 'not-pinned'; message: string };

/** Editors' control of the front page's top slots; every change purges the home page. */
export class FrontPageService {
  constructor(
    private readonly uow: UnitOfWork<FrontPageStores>,
    private readonly articles: ArticleService,
    private readonly invalidator: Invalidator,
    private readonly audit: AuditService,
  ) {}

  /** The pinned stories that are public at `now`, by slot. A pin on an unpublished story is kept but not shown. */
  async listPinnedStories(now: Date): Promise<Map<number, ArticleSummary>> {
    const pins = await this.uow.stores.frontPage.listFrontPins();
    const stories = await this.articles.listPublicSummaries(
      pins.map((p) => p.articleId),
      now,
    );
    const byId = new Map(stories.map((s) => [s.id, s]));
    const bySlot = new Map<number, ArticleSummary>();
    for (const p of pins) {
      const s = byId.get(p.articleId);
      if (s) bySlot.set(p.slot, s);
    }
    return bySlot;
  }

  /** The top of the front page, given the newest stories to fall back on. */
  async composeFront(now: Date, newest: ArticleSummary[]): Promise<ComposedFront<ArticleSummary>> {
    return composeFront(await this.listPinnedStories(now), newest);
  }

  /** What the newsroom's front-page screen shows: every slot, pinned or filled automatically. */
  async listSlots(now: Date): Promise<FrontSlot<ArticleSummary>[]> {
    const newest = await this.articles.listLatest(1, now, { perPage: FRONT_SLOT_COUNT * 2 });
    return (await this.composeFront(now, newest.items)).slots;
  }

  /** Pins a published story to a slot. A story already pinned elsewhere moves; the slot's previous pin is dropped. */
  async pin(input: { slot: number; articleSlug: string }, ctx: { now: Date; actor: Actor }): Promise<PinResult> {
    if (!isFrontSlot(input.slot)) return { ok: false, reason: 'not-a-slot', message: `There is no slot ${input.slot + 1} on the front page.` };
    const article = await this.articles.getPublicArticle(input.articleSlug, ctx.now);
    if (!article) return { ok: false, reason: 'not-published', message: 'Only a published story can be pinned to the front page.' };
    await this.uow.transaction(async (stores) => {
      const pins = (await stores.frontPage.listFrontPins()).filter((p) => p.slot !== input.slot && p.articleId !== article.id);
      await stores.frontPage.replaceFrontPins([...pins, { slot: input.slot, articleId: article.id, pinnedAt: ctx.now.toISOString(), pinnedBy: ctx.actor.id }]);
    });
    await this.changed(ctx, 'front-page.pin', `${slotName(input.slot)}: ${article.headline}`);
    return { ok: true };
  }

  /** Takes the pin off a slot: it falls back to the newest story. */
  async unpin(slot: number, ctx: { now: Date; actor: Actor }): Promise<PinResult> {
    if (!isFrontSlot(slot)) return { ok: false, reason: 'not-a-slot', message: `There is no slot ${slot + 1} on the front page.` };
    const removed = await this.uow.transaction(async (stores) => {
      const pins = await stores.frontPage.listFrontPins();
      if (!pins.some((p) => p.slot === slot)) return false;
      await stores.frontPage.replaceFrontPins(pins.filter((p) => p.slot !== slot));
      return true;
    });
    if (!removed) return { ok: false, reason: 'not-pinned', message: `${slotName(slot)} has no pinned story.` };
    await this.changed(ctx, 'front-page.unpin', slotName(slot));
    return { ok: true };
  }

  /**
   * Moves the story shown in `from` to `to` (the keyboard's up/down buttons and dragging both land
   * here). A slot filled automatically is pinned by the move, so what the editor saw is what stays.
   */
  async move(input: { from: number; to: number }, ctx: { now: Date; actor: Actor }): Promise<PinResult> {
    if (!isFrontSlot(input.from) || !isFrontSlot(input.to)) return { ok: false, reason: 'not-a-slot', message: 'That slot is not on the front page.' };
    if (input.from === input.to) return { ok: true };
    const shown = await this.listSlots(ctx.now);
    await this.uow.transaction(async (stores) => {
      const current = await stores.frontPage.listFrontPins();
      // Both slots end up pinned to the stories the editor saw in them.
      const fixed = [input.from, input.to].flatMap((slot) => {
        const story = shown[slot]?.story;
        return story && !current.some((p) => p.slot === slot) ? [{ slot, articleId: story.id, pinnedAt: ctx.now.toISOString(), pinnedBy: ctx.actor.id }] : [];
      });
      const pins = swapSlots([...current.filter((p) => !fixed.some((f) => f.articleId === p.articleId)), ...fixed], input.from, input.to);
      await stores.frontPage.replaceFrontPins(pins);
    });
    await this.changed(ctx, 'front-page.move', `${slotName(input.from)} → ${slotName(input.to)}`);
    return { ok: true };
  }

  private async changed(ctx: { now: Date; actor: Actor }, action: string, detail: string) {
    await this.invalidator.invalidate([cacheKeys.home]);
    await this.audit.record({ at: ctx.now, actor: ctx.actor, action, subject: 'front page', detail });
  }
}

/** "Lead", "Slot 2"…: how the newsroom names the slots. */
export function slotName(slot: number): string {
  return slot === 0 ? 'Lead' : `Secondary ${slot}`;
}
