/**
 * WordPress post content to HTML our body pipeline accepts (articles/article-body.ts sanitizes it
 * afterwards). Gutenberg block comments are dropped (the blocks' HTML is already there), classic
 * content gets WordPress's automatic paragraphs, `[caption]` becomes a figure, embeds become links,
 * and every other shortcode stays as visible text and is counted for the report.
 */

/** Shortcodes whose content is an address to embed: they become a plain link. */
const EMBED_SHORTCODES = new Set(['embed', 'youtube', 'vimeo', 'video', 'audio', 'soundcloud', 'tweet', 'twitter', 'instagram', 'spotify']);

export interface ConvertedContent {
  html: string;
  /** Shortcodes kept as text, by name. */
  unknownShortcodes: string[];
  /** `src` of every image, in order, for the caller to replace with imported media. */
  images: string[];
}

const BLOCK_TAGS =
  'table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form|map|area|blockquote|address|math|style|p|h[1-6]|hr|fieldset|legend|section|article|aside|hgroup|header|footer|nav|figure|figcaption|details|menu|summary';

/** WordPress's automatic paragraphs for classic content: blank lines make paragraphs, single newlines <br>. */
export function autoParagraphs(text: string): string {
  let t = text.replace(/\r\n?/g, '\n').trim();
  if (!t) return '';
  // Keep block elements on their own lines so they are never wrapped in <p>.
  t = t.replace(new RegExp(`(<(?:${BLOCK_TAGS})[\\s/>])`, 'gi'), '\n\n$1');
  t = t.replace(new RegExp(`(</(?:${BLOCK_TAGS})>)`, 'gi'), '$1\n\n');
  // Preformatted text keeps its own line breaks.
  const pres: string[] = [];
  t = t.replace(/<pre[\s\S]*?<\/pre>/gi, (m) => `\u0000${pres.push(m) - 1}\u0000`);
  const blockStart = new RegExp(`^</?(?:${BLOCK_TAGS})[\\s/>]`, 'i');
  const out = t
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => (blockStart.test(p) || /^\u0000\d+\u0000$/.test(p) ? p : `<p>${p.replace(/\n/g, '<br>\n')}</p>`))
    .join('\n');
  return out.replace(/\u0000(\d+)\u0000/g, (_m, i: string) => pres[Number(i)]!);
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function attr(attrs: string, name: string): string | null {
  const m = new RegExp(`\\b${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s\\]]+))`, 'i').exec(attrs);
  return m ? (m[1] ?? m[2] ?? m[3] ?? '') : null;
}

function linkTo(url: string): string {
  const u = url.trim().replace(/&amp;/g, '&');
  if (!/^https?:\/\//i.test(u)) return escapeHtml(u);
  return `<a href="${escapeHtml(u)}">${escapeHtml(u)}</a>`;
}

/** Converts one post's content. `classic` is decided by the absence of Gutenberg block comments. */
export function convertWordPressContent(content: string): ConvertedContent {
  const unknown: string[] = [];
  let html = content.replace(/\r\n?/g, '\n');
  const gutenberg = /<!--\s*wp:/.test(html);

  // Gutenberg embed blocks: keep the address as a link (the block's own HTML holds a bare URL or an iframe).
  html = html.replace(
    /<!--\s*wp:(?:core-)?embed(?:\/[a-z-]+)?\s+(\{[\s\S]*?\})\s*-->[\s\S]*?<!--\s*\/wp:(?:core-)?embed(?:\/[a-z-]+)?\s*-->/g,
    (_m, json: string) => {
      try {
        const url = (JSON.parse(json) as { url?: string }).url;
        return url ? `<p>${linkTo(url)}</p>` : '';
      } catch {
        return '';
      }
    },
  );
  html = html.replace(/<!--\s*\/?wp:[\s\S]*?-->/g, '');
  // Inline frames (old pasted embeds) become links to what they showed.
  html = html.replace(
    /<iframe\b[^>]*\bsrc\s*=\s*["']([^"']+)["'][^>]*>[\s\S]*?<\/iframe>/gi,
    (_m, src: string) => `<p>${linkTo(src.startsWith('//') ? `https:${src}` : src)}</p>`,
  );

  // [caption ...]<img ...> Text[/caption] (also with a link around the image).
  html = html.replace(/\[caption([^\]]*)\]([\s\S]*?)\[\/caption\]/gi, (_m, attrs: string, inner: string) => {
    const img = /(<a\b[^>]*>\s*)?<img\b[^>]*>(\s*<\/a>)?/i.exec(inner);
    const text = (img ? inner.replace(img[0], '') : inner).trim() || attr(attrs, 'caption') || '';
    return `<figure>${img ? img[0] : ''}${text ? `<figcaption>${text}</figcaption>` : ''}</figure>`;
  });
  // Embeds: [embed]URL[/embed], [youtube URL], [video src="…"].
  html = html.replace(/\[([a-z_]+)([^\]]*)\](?:([^[]*?)\[\/\1\])?/gi, (m, name: string, attrs: string, body?: string) => {
    const n = name.toLowerCase();
    if (!EMBED_SHORTCODES.has(n)) {
      unknown.push(n);
      return m;
    }
    const url = (body ?? '').trim() || attr(attrs, 'src') || attr(attrs, 'url') || attrs.trim().replace(/^=/, '');
    return url ? `<p>${linkTo(url)}</p>` : '';
  });
  // Classic editor: an address alone on a line was an oEmbed.
  if (!gutenberg) html = html.replace(/^[ \t]*(https?:\/\/[^\s<>"]+)[ \t]*$/gm, (_m, url: string) => `<p>${linkTo(url)}</p>`);
  if (!gutenberg) html = autoParagraphs(html);

  const images: string[] = [];
  for (const m of html.matchAll(/<img\b[^>]*\bsrc\s*=\s*["']([^"']+)["']/gi)) images.push(m[1]!);
  return { html: html.trim(), unknownShortcodes: unknown, images };
}
