import sharp from 'sharp';
import { articleInputSchema, type ArticleInput, type ArticleInputDraft } from '../../src/articles/article-schema.js';
import type { App } from '../../src/main.js';

let seq = 0;

/** A valid, published article input; override any field. Each call gets a unique slug. */
export function articleInput(overrides: Partial<ArticleInputDraft> = {}): ArticleInput {
  seq += 1;
  return articleInputSchema.parse({
    slug: `story-${process.pid}-${seq}`,
    headline: `Test story number ${seq}`,
    standfirst: `What happened in test story ${seq}, in one sentence.`,
    bodyMarkdown: `The first paragraph of story ${seq}.\n\nThe second paragraph.`,
    authors: [{ name: 'Rosa Vance' }],
    section: 'City Hall',
    tags: ['Budget'],
    sources: [{ name: 'The Valley Ledger', url: 'https://example.org/ledger/report' }],
    status: 'published',
    publishedAt: '2026-11-26T09:00:00.000Z',
    ...overrides,
  });
}

/** Saves an article through the real service and returns its slug. */
export async function createArticle(app: App, overrides: Partial<ArticleInputDraft> = {}): Promise<ArticleInput> {
  const input = articleInput(overrides);
  const result = await app.services.articles.saveArticle(input, { now: app.clock(), actor: 'test' });
  if (!result.ok) throw new Error(`factory could not save article: ${result.message}`);
  return input;
}

/** A real JPEG (or PNG) of the given size, made in memory. */
export function imageBytes(width = 1600, height = 1000, format: 'jpeg' | 'png' = 'jpeg'): Promise<Buffer> {
  const img = sharp({ create: { width, height, channels: 3, background: { r: 30, g: 110, b: 160 } } });
  return (format === 'png' ? img.png() : img.jpeg()).toBuffer();
}
