import { z } from 'zod';

/** A static page: About, Contact, an imported WordPress page. Outside the news flow: no byline, no date, no feed. */
export interface StaticPage {
  id: number;
  /** Where readers find it, e.g. `/about` or an imported page's old path `/about-us/team`. */
  path: string;
  title: string;
  bodyFormat: 'markdown' | 'html';
  bodySource: string;
  /** Sanitized by articles/article-body.ts: the only HTML a page inserts raw. */
  bodyHtml: string;
  inFooter: boolean;
  footerPosition: number;
  createdAt: string;
  updatedAt: string;
}

/** What the footer shows of a page. */
export interface FooterLink {
  path: string;
  title: string;
}

export const PAGE_LIMITS = { title: 200, body: 200_000, path: 200 } as const;

/** Lower-case words and digits joined by hyphens, in one or more segments: `/about`, `/about/team-2024`. */
export const PAGE_PATH_PATTERN = /^(\/[a-z0-9]+(?:-[a-z0-9]+)*)+$/;

/** Normalises what an editor typed (`About/`, `about`) to a page path, or returns null when it cannot be one. */
export function normalisePagePath(input: string): string | null {
  let p = input.trim().toLowerCase();
  if (!p.startsWith('/')) p = `/${p}`;
  p = p.replace(/\/+$/, '');
  if (p.length === 0 || p.length > PAGE_LIMITS.path || !PAGE_PATH_PATTERN.test(p)) return null;
  return p;
}

export const pageInputSchema = z.object({
  path: z.string().max(PAGE_LIMITS.path * 2, `must be at most ${PAGE_LIMITS.path} characters`),
  title: z.string().trim().min(1, 'is required').max(PAGE_LIMITS.title, `must be at most ${PAGE_LIMITS.title} characters`),
  bodyFormat: z.enum(['markdown', 'html']).default('markdown'),
  body: z.string().max(PAGE_LIMITS.body, `must be at most ${PAGE_LIMITS.body} characters`).default(''),
  inFooter: z.boolean().default(false),
  footerPosition: z.number().int().min(0).max(999).default(0),
});
export type PageInput = z.infer<typeof pageInputSchema>;
export type PageInputDraft = z.input<typeof pageInputSchema>;

export type PageSaveResult = { ok: true; id: number; path: string } | { ok: false; status: 404 | 409 | 422; message: string; fields: Record<string, string> };
