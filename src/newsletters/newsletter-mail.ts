import type juice from 'juice';
import type { MailLanguage } from '../i18n/mail-language.js';
import type { MessageKey, MessageValues, Translate } from '../i18n/translator.js';
import { lazyPackage } from '../lazy-package.js';

const inlineStyles = lazyPackage<typeof juice>('juice');
import type { Issue, Newsletter } from './newsletter.js';

/** A subscriber's mail is written in one language: its words, its `lang` and its links' prefix. */
export type { MailLanguage };

/** A story as an issue shows it: the full, sanitized body (subscribers are our own readers). */
export interface MailStory {
  headline: string;
  standfirst: string;
  byline: string;
  url: string;
  /** Sanitized article HTML (articles/article-body.ts); relative links and images are made absolute here. */
  bodyHtml: string;
  bodyText: string;
  image: { src: string; alt: string } | null;
}

export interface MailOutlet {
  name: string;
  /** Absolute URL on our origin, or null. */
  logoUrl: string | null;
  origin: string;
  postalAddress: string;
}

/** One issue rendered once; `personalize` fills in each recipient's links without re-rendering. */
export interface RenderedIssue {
  subject: string;
  html: string;
  text: string;
  webUrl: string | null;
}

/** Stands in for the recipient's token in the rendered issue; replaced per message. */
export const TOKEN_SLOT = '__MASTHEAD_SUBSCRIBER_TOKEN__';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Stands in for a link inside a message while the message is escaped (letters only, so escaping leaves it as it is). */
const LINK_SLOT = '__MASTHEAD_LINK__';

/** A message with a `{link}` in it, escaped, with the link's HTML put in: the words around a link stay one message. */
function withLink(t: Translate, key: MessageKey, values: MessageValues, link: string): string {
  return esc(t(key, { ...values, link: LINK_SLOT })).replace(LINK_SLOT, link);
}

/** "By A", "By A and B", "By A, B and C" in the mail's language, as the site's story cards write bylines; '' for none. */
export function bylineOf(t: Translate, names: string[]): string {
  if (names.length === 0) return '';
  const list = names.length > 1 ? t('list.and', { first: names.slice(0, -1).join(', '), last: names[names.length - 1]! }) : names[0]!;
  return t('card.by', { names: list });
}

/** Makes root-relative src/href attributes absolute on our origin: mail has no base URL. */
export function absolutizeHtml(html: string, origin: string): string {
  return html.replace(/(\s(?:src|href))="\/(?!\/)/g, `$1="${origin}/`);
}

const CSS = `
body { margin: 0; padding: 0; background: #f3f1ec; }
.wrap { width: 100%; background: #f3f1ec; }
.card { width: 100%; max-width: 640px; background: #ffffff; }
.pad { padding: 24px 28px; font-family: Georgia, 'Times New Roman', serif; font-size: 17px; line-height: 1.55; color: #1d1d1b; }
.masthead { padding: 20px 28px; border-bottom: 3px solid #1d1d1b; font-family: Georgia, serif; font-size: 24px; font-weight: bold; color: #1d1d1b; }
.masthead img { max-width: 200px; height: auto; border: 0; }
.intro { font-size: 18px; }
h1 { font-size: 28px; line-height: 1.2; margin: 0 0 8px; }
h2 { font-size: 22px; line-height: 1.25; margin: 0 0 6px; }
h1 a, h2 a { color: #1d1d1b; text-decoration: none; }
.standfirst { font-size: 19px; color: #444444; margin: 0 0 8px; }
.byline { font-family: Helvetica, Arial, sans-serif; font-size: 13px; color: #666666; margin: 0 0 16px; }
img { max-width: 100%; height: auto; }
a { color: #8a1c1c; }
.story { border-bottom: 1px solid #dddddd; }
.foot { padding: 20px 28px; font-family: Helvetica, Arial, sans-serif; font-size: 13px; line-height: 1.5; color: #666666; }
.foot a { color: #444444; }
`;

/** HTML (tables, CSS inlined) and plain text for one issue, in one language. Personal links carry TOKEN_SLOT. */
export function renderIssue(o: {
  language: MailLanguage;
  outlet: MailOutlet;
  newsletter: Newsletter;
  issue: Pick<Issue, 'subject' | 'intro' | 'number'>;
  stories: MailStory[];
  webUrl: string | null;
  unsubscribeUrl: string;
}): RenderedIssue {
  const { outlet, newsletter, issue, stories } = o;
  const { t } = o.language;
  const why = t('mail.issue.why', { newsletter: newsletter.name, outlet: outlet.name });
  const unsubscribe = o.unsubscribeUrl;
  const single = stories.length === 1 && !issue.intro;
  const storyHtml = stories
    .map((s) => {
      const heading = single ? `<h1><a href="${esc(s.url)}">${esc(s.headline)}</a></h1>` : `<h2><a href="${esc(s.url)}">${esc(s.headline)}</a></h2>`;
      const image = s.image ? `<p><img src="${esc(s.image.src)}" alt="${esc(s.image.alt)}" width="584"></p>` : '';
      return (
        `<tr><td class="pad story">${heading}${s.standfirst ? `<p class="standfirst">${esc(s.standfirst)}</p>` : ''}` +
        `${s.byline ? `<p class="byline">${esc(s.byline)}</p>` : ''}${image}` +
        `${absolutizeHtml(s.bodyHtml, outlet.origin)}</td></tr>`
      );
    })
    .join('\n');
  const logo = outlet.logoUrl ? `<img src="${esc(outlet.logoUrl)}" alt="${esc(outlet.name)}">` : esc(outlet.name);
  const intro = issue.intro
    ? `<tr><td class="pad intro">${issue.intro
        .split(/\n{2,}/)
        .map((p) => `<p>${esc(p).replace(/\n/g, '<br>')}</p>`)
        .join('')}</td></tr>`
    : '';
  const web = o.webUrl ? `<a href="${esc(o.webUrl)}">${esc(t('mail.issue.web.link'))}</a>. ` : '';
  const unsubscribeLink = withLink(t, 'mail.issue.unsubscribe.html', {}, `<a href="${esc(unsubscribe)}">${esc(t('mail.issue.unsubscribe.link'))}</a>`);
  const head = `<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(issue.subject)}</title>`;
  const html = `<!DOCTYPE html>
<html lang="${o.language.lang}"><head>${head}<style>${CSS}</style></head>
<body><table role="presentation" class="wrap" width="100%" cellpadding="0" cellspacing="0" border="0"><tr><td align="center">
<table role="presentation" class="card" width="640" cellpadding="0" cellspacing="0" border="0">
<tr><td class="masthead"><a href="${esc(outlet.origin)}/">${logo}</a></td></tr>
${intro}
${storyHtml}
<tr><td class="foot">${web}${esc(why)}
${unsubscribeLink}${outlet.postalAddress ? `<br>${esc(outlet.postalAddress)}` : ''}</td></tr>
</table></td></tr></table></body></html>`;
  const rule = '-'.repeat(60);
  const text = [
    outlet.name,
    rule,
    issue.intro ? `${issue.intro}\n\n${rule}` : '',
    ...stories.map((s) => [s.headline.toUpperCase(), s.standfirst, s.byline, s.url, '', s.bodyText, '', rule].filter((l, i) => l !== '' || i > 3).join('\n')),
    o.webUrl ? t('mail.issue.web.text', { url: o.webUrl }) : '',
    why,
    t('mail.issue.unsubscribe.text', { url: unsubscribe }),
    outlet.postalAddress,
  ]
    .filter(Boolean)
    .join('\n\n');
  return { subject: issue.subject, html: inlineStyles()(html, { removeStyleTags: true, preserveMediaQueries: true }), text, webUrl: o.webUrl };
}

/** The per-recipient headers (RFC 2369 and RFC 8058 one-click unsubscribe). */
export function listHeaders(o: { unsubscribeUrl: string; unsubscribeMailto: string; listId: string }): Record<string, string> {
  return {
    'List-Unsubscribe': `<${o.unsubscribeMailto}>, <${o.unsubscribeUrl}>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    'List-Id': o.listId,
  };
}

/** Where counted mail points: the pixel and the click redirect of an issue, on our origin. */
export interface CountingUrls {
  open: (issueId: number) => string;
  click: (issueId: number, position: number) => string;
}

const unescapeAttr = (s: string) =>
  s.replace(/&(amp|quot|#39|#x27|lt|gt);/g, (_m, e: string) => ({ amp: '&', quot: '"', '#39': "'", '#x27': "'", lt: '<', gt: '>' })[e]!);

/**
 * An issue's HTML with opens and clicks counted: every http(s) link goes through our redirect, which
 * knows it by its position in the issue (so it can only send a reader to a link the issue carried),
 * and a 1-pixel image on our origin counts opens. Neither URL names the recipient: the personal
 * unsubscribe link (TOKEN_SLOT) is left as it is, and nothing else in the mail is personal.
 */
export async function countedHtml(
  html: string,
  o: { urls: CountingUrls; issueId: number; positions: (urls: string[]) => Promise<Map<string, number>> },
): Promise<string> {
  const HREF = /(<a\b[^>]*?\shref=")(https?:\/\/[^"]+)(")/gi;
  const links = [...html.matchAll(HREF)].map((m) => m[2]!).filter((u) => !u.includes(TOKEN_SLOT));
  const positions = await o.positions(links.map(unescapeAttr));
  const rewritten = html.replace(HREF, (all, open: string, url: string, close: string) => {
    const position = url.includes(TOKEN_SLOT) ? undefined : positions.get(unescapeAttr(url));
    return position === undefined ? all : `${open}${esc(o.urls.click(o.issueId, position))}${close}`;
  });
  const pixel = `<img src="${esc(o.urls.open(o.issueId))}" width="1" height="1" alt="">`;
  return rewritten.includes('</body>') ? rewritten.replace('</body>', `${pixel}</body>`) : rewritten + pixel;
}
