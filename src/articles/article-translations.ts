import { cacheKeys } from '../cache/cache-keys.js';
import { baseLanguage } from '../i18n/languages.js';
import type { ArticleStores } from './article-service.js';

/** Linking two stories as versions of one another: done, or why not. */
export type LinkTranslationResult = { ok: true; keys: string[] } | { ok: false; reason: 'not-found' | 'same-story' | 'language-taken'; message: string };

/**
 * Joins `translationSlug` to `originalSlug`'s translation group, inside the caller's transaction.
 * A group holds one story per language; both stories must exist. Returns the pages to purge.
 */
export async function linkTranslation(stores: ArticleStores, opts: { originalSlug: string; translationSlug: string }): Promise<LinkTranslationResult> {
  if (opts.originalSlug === opts.translationSlug) return { ok: false, reason: 'same-story', message: 'a story cannot be a translation of itself' };
  const [original, translation] = await Promise.all([
    stores.articles.findArticleBySlug(opts.originalSlug),
    stores.articles.findArticleBySlug(opts.translationSlug),
  ]);
  if (!original) return { ok: false, reason: 'not-found', message: `no article with slug "${opts.originalSlug}"` };
  if (!translation) return { ok: false, reason: 'not-found', message: `no article with slug "${opts.translationSlug}"` };
  const group = [original, ...original.translations.filter((t) => t.id !== translation.id)];
  const clash = group.find((g) => baseLanguage(g.language) === baseLanguage(translation.language));
  if (clash) return { ok: false, reason: 'language-taken', message: `"${clash.slug}" is already the ${translation.language} version of "${original.slug}"` };
  await stores.articles.linkTranslation(original.id, translation.id);
  return { ok: true, keys: [...group, translation].map((a) => cacheKeys.article(a.slug)) };
}
