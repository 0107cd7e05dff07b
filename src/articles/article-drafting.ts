import { can } from '../accounts/account-policy.js';
import type { Actor } from '../accounts/user.js';
import type { UnitOfWork } from '../store/unit-of-work.js';
import { formFromArticle, type ArticleEditing, type EditResult } from './article-editing.js';
import type { Autosave, ArticleEditorStore, HeadlineMatch } from './article-editor-store.js';

export interface AutosaveInput {
  /** The revision the writer's page shows. */
  basedOn: number;
  headline: string;
  standfirst: string;
  bodyHtml: string;
  bodyJson: string;
}

export type AutosaveResult =
  | {
      ok: true;
      autosave: Autosave;
      /** Someone saved a newer revision since the writer's page loaded: kept anyway, but they should know. */ stale: boolean;
      currentRevision: number;
    }
  | { ok: false; status: 403 | 404; message: string };

/** A revision with the autosaves taken after it, for the folded revision list. */
export interface RevisionWithAutosaves {
  revision: number;
  headline: string;
  createdAt: string;
  createdBy: string;
  autosaves: Autosave[];
}

const PICKER_LIMIT = 8;

/**
 * What the writing page does between real saves: autosaves (never a revision, never the live
 * page) and the lookups behind its pickers. Real saves stay in ArticleEditing.
 */
export class ArticleDrafting {
  constructor(
    private readonly uow: UnitOfWork<{ articleEditor: ArticleEditorStore }>,
    private readonly editing: ArticleEditing,
  ) {}

  private get store(): ArticleEditorStore {
    return this.uow.stores.articleEditor;
  }

  /** Keeps the writer's text as an autosave. The article itself, and its live page, do not change. */
  async autosave(actor: Actor, articleId: number, input: AutosaveInput, now: Date): Promise<AutosaveResult> {
    const article = await this.editing.findArticle(articleId);
    if (!article) return { ok: false, status: 404, message: 'That article no longer exists.' };
    if (!can(actor, 'article.edit', { ownerId: article.ownerUserId })) return { ok: false, status: 403, message: 'You can only edit your own articles.' };
    const autosave = await this.store.insertAutosave({
      articleId,
      basedOn: input.basedOn,
      headline: input.headline,
      standfirst: input.standfirst,
      bodyHtml: input.bodyHtml,
      bodyJson: input.bodyJson,
      createdAt: now.toISOString(),
      createdBy: actor.name,
    });
    return { ok: true, autosave, stale: input.basedOn !== article.revision, currentRevision: article.revision };
  }

  /** The newest autosave when it was taken after the article's current revision was saved: work the writer may want back. */
  async findUnsavedAutosave(articleId: number, revision: number): Promise<Autosave | null> {
    const latest = await this.store.findLatestAutosave(articleId);
    if (!latest || latest.basedOn < revision) return null;
    const current = await this.editing.findArticle(articleId);
    if (!current) return null;
    // An autosave identical to what is saved is nothing to offer.
    const same = latest.headline === current.headline && latest.standfirst === current.standfirst && latest.bodyHtml === current.bodyHtml;
    return same ? null : latest;
  }

  /** Revisions oldest first, each with the autosaves based on it. */
  async listRevisionsWithAutosaves(articleId: number): Promise<RevisionWithAutosaves[]> {
    const [revisions, autosaves] = await Promise.all([this.editing.listRevisions(articleId), this.store.listAutosaves(articleId)]);
    return revisions.map((r) => ({ ...r, autosaves: autosaves.filter((a) => a.basedOn === r.revision) }));
  }

  /** Puts an autosave's text back as a new revision, through the same checks as any save. */
  async restoreAutosave(actor: Actor, articleId: number, autosaveId: number, now: Date): Promise<EditResult> {
    const article = await this.editing.findArticle(articleId);
    const autosave = article ? await this.store.findAutosave(articleId, autosaveId) : null;
    if (!article || !autosave) return { ok: false, status: 404, message: 'No such autosave.', fields: {} };
    const form = {
      ...formFromArticle(article),
      headline: autosave.headline,
      standfirst: autosave.standfirst,
      bodyHtml: autosave.bodyHtml,
      bodyJson: autosave.bodyJson,
    };
    return this.editing.save(actor, form, 'save', now);
  }

  searchHeadlines(text: string, excludeId: number | null): Promise<HeadlineMatch[]> {
    return this.store.searchHeadlines(text.trim(), excludeId, PICKER_LIMIT);
  }

  findHeadlinesBySlugs(slugs: string[]): Promise<HeadlineMatch[]> {
    return this.store.findHeadlinesBySlugs(slugs);
  }

  searchTagNames(text: string): Promise<string[]> {
    return this.store.searchTagNames(text.trim(), PICKER_LIMIT);
  }

  searchAuthorProfiles(text: string): Promise<{ name: string; guest: boolean }[]> {
    return this.store.searchAuthorProfiles(text.trim(), 50);
  }
}
