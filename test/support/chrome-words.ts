import { DomUtils, type parseDocument } from 'htmlparser2';
import type { App } from '../../src/main.js';

type Doc = ReturnType<typeof parseDocument>;
type Node = Doc['children'][number];
type El = Extract<Node, { attribs: Record<string, string> }>;

/** What the outlet wrote once, in one language (names, titles, bodies): not chrome, so not the catalog's. */
export interface OutletText {
  name: string;
  /** Every string the outlet's rows hold: a text run equal to one is theirs. */
  whole: Set<string>;
  /** Short ones (names, titles), longest first: taken out of a run before it is checked ("Матеріали Olena Marchuk"). */
  names: string[];
}

/** Tables whose text the newsroom, its funders or its advertisers wrote. */
const OUTLET_TABLES = [
  'settings',
  'sections',
  'tags',
  'authors',
  'articles',
  'article_sources',
  'correction_notes',
  'funders',
  'tiers',
  'topics',
  'newsletters',
  'static_pages',
  'ad_campaigns',
  'media',
] as const;

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

function stringsOf(value: unknown, out: string[]): void {
  if (typeof value === 'string') {
    if (/^[[{]/.test(value.trim())) {
      try {
        stringsOf(JSON.parse(value), out);
        return;
      } catch {
        // not JSON: plain text that starts with a bracket
      }
    }
    out.push(squash(value));
  } else if (Array.isArray(value)) value.forEach((v) => stringsOf(v, out));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => stringsOf(v, out));
}

/** Reads the outlet's own text out of its database. */
export async function outletPhrases(app: App): Promise<OutletText> {
  const all: string[] = [];
  for (const table of OUTLET_TABLES) {
    const rows = (await app.database.db.selectFrom(table).selectAll().execute()) as unknown[];
    stringsOf(rows, all);
  }
  const settings = await app.services.site.getSettings();
  const texts = all.filter((s) => /\p{L}/u.test(s));
  // Lowercase single words are slugs, states and kinds ("published", "city"), which chrome words could hide behind.
  const names = [...new Set(texts.filter((s) => s.length <= 80 && /[\sA-Z]/.test(s)).concat(settings.name))].sort((a, b) => b.length - a.length);
  return { name: settings.name, whole: new Set(texts), names };
}

/** Latin words a Ukrainian page may carry: names of formats, keys and brands, said the same in every language. */
const ALLOWED = new Set(['RSS', 'Atom', 'JSON', 'Feed', 'Ctrl', 'Enter', 'Mac', 'Stripe', 'API', 'TDMRep', 'JavaScript', 'cookie', 'GMT', 'UTC']);

/** Outlet text at least this long may show as a piece (a description cut short, a paragraph of a rendered policy). */
const PIECE = 40;

/** Parts of the page that are the story's own text or the outlet's once-written text, by their class. */
const OWN_TEXT = ['story-body', 'standfirst', 'policy-text', 'static-page-body', 'tagline', 'story-headline', 'support-appeal-text', 'outlet-text'];

/** Attributes a reader sees or hears. */
function visibleAttributes(e: El): [string, string][] {
  const out: [string, string][] = [];
  for (const name of ['aria-label', 'title', 'placeholder', 'alt', 'aria-description']) if (e.attribs[name]) out.push([name, e.attribs[name]]);
  for (const [name, value] of Object.entries(e.attribs)) if (name.startsWith('data-msg-')) out.push([name, value]);
  const isButton = e.name === 'button' || (e.name === 'input' && ['submit', 'button', 'reset'].includes(e.attribs.type ?? ''));
  if (isButton && e.attribs.value && e.name === 'input') out.push(['value', e.attribs.value]);
  if (e.name === 'meta' && e.attribs.name === 'description' && e.attribs.content) out.push(['meta description', e.attribs.content]);
  return out;
}

function englishIn(raw: string, outlet: OutletText): string | null {
  let text = squash(raw);
  if (!text || outlet.whole.has(text)) return null;
  if (text.length >= PIECE && [...outlet.whole].some((w) => w.includes(text.replace(/…$/, '')))) return null;
  for (const n of outlet.names) if (text.includes(n)) text = text.split(n).join(' ');
  text = text.replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, ' ').replace(/https?:\/\/\S*|(?<![\p{L}\d])\/\S*/gu, ' ');
  const words = (text.match(/[A-Za-z]+/g) ?? []).filter((w) => w.length > 1 && !ALLOWED.has(w));
  return words.length ? squash(raw) : null;
}

/**
 * The runs of English (any Latin word not allowed) in the page's text nodes and visible attributes,
 * skipping scripts and styles, anything marked as another language than Ukrainian, the story's own text
 * and what the outlet wrote once.
 */
export function englishLeftIn(doc: Doc, outlet: OutletText): { where: string; text: string }[] {
  const found: { where: string; text: string }[] = [];
  const visit = (node: Node, path: string) => {
    if (DomUtils.isText(node)) {
      const english = englishIn(node.data, outlet);
      if (english) found.push({ where: path, text: english });
      return;
    }
    if (!DomUtils.isTag(node)) return;
    const e = node as El;
    // Scripts and styles are not read; <code> is a name to type as it is (a cookie's, a file's).
    if (e.name === 'script' || e.name === 'style' || e.name === 'code') return;
    const lang = e.attribs.lang;
    if (lang !== undefined && lang.split('-')[0]!.toLowerCase() !== 'uk') return;
    const classes = (e.attribs.class ?? '').split(/\s+/);
    if (OWN_TEXT.some((c) => classes.includes(c))) return;
    if (e.name === 'h1' && path.endsWith('header.story-header')) return;
    const here = `${path} > ${e.name}${e.attribs.id ? `#${e.attribs.id}` : e.attribs.class ? `.${classes[0]}` : ''}`;
    for (const [name, value] of visibleAttributes(e)) {
      const english = englishIn(value, outlet);
      if (english) found.push({ where: `${here}[${name}]`, text: `${name}: ${english}` });
    }
    for (const child of e.children) visit(child, here);
  };
  for (const child of doc.children) visit(child, '');
  return found;
}
