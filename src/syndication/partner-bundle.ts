import type { PublicArticle } from '../articles/article.js';
import type { Urls } from '../site/urls.js';
import type { PartnerAccess } from './partner.js';

/** Escapes text for HTML element content and double-quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** The pixel a republished copy loads: one view per load, counted per article and referring site. */
export const pixelPath = (articleId: number) => `/republish/pixel/${articleId}.gif`;

/**
 * Root-relative links and images in the body (`/media/…`, `/articles/…`) would point at the
 * partner's own site once pasted there: make them absolute. The body is sanitized HTML, so its
 * attributes are always double-quoted.
 */
export function absolutize(html: string, urls: Urls): string {
  return html.replace(/(\s(?:href|src)=")(\/(?!\/)[^"]*)"/g, (_m, attr: string, path: string) => `${attr}${urls.absolute(path)}"`);
}

function byline(names: string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/**
 * The HTML a partner pastes to republish an article in full: headline, byline, standfirst, the
 * sanitized body (the one raw value), the credit line with the canonical link, and the view pixel.
 * Every other value is escaped. Callers check the grant first (`PartnerService.fullTextPermission`).
 * The pixel's inline style is deliberate: this HTML runs on the partner's page, under their CSP and
 * stylesheets, never ours, and without it a common `img { width: 100% }` rule would blow it up.
 */
export function renderRepublishBundle(article: PublicArticle, access: PartnerAccess, site: { name: string; urls: Urls }): string {
  const canonical = escapeHtml(site.urls.absolute(site.urls.article(article.slug)));
  const outlet = escapeHtml(site.name);
  const names = article.authors.map((a) => a.name);
  const lines = [
    `<link rel="canonical" href="${canonical}">`,
    `<article class="republished" data-source="${outlet}" data-partner="${escapeHtml(access.partnerName)}">`,
    `<h1>${escapeHtml(article.headline)}</h1>`,
    names.length ? `<p class="byline">By ${escapeHtml(byline(names))}</p>` : '',
    article.standfirst ? `<p class="standfirst">${escapeHtml(article.standfirst)}</p>` : '',
    absolutize(article.bodyHtml, site.urls),
    `<p class="republish-credit">First published by <a href="${canonical}">${outlet}</a> at <a href="${canonical}">${canonical}</a>.</p>`,
    `<img src="${escapeHtml(site.urls.absolute(pixelPath(article.id)))}" width="1" height="1" alt="" ` +
      `referrerpolicy="origin" style="width:1px;height:1px;border:0">`,
    `</article>`,
  ];
  return `${lines.filter(Boolean).join('\n')}\n`;
}
