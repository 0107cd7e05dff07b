import { createReadStream } from 'node:fs';
import type { SaxesTagNS } from 'saxes';
import type * as Saxes from 'saxes';
import { lazyPackage } from '../lazy-package.js';

const saxes = lazyPackage<typeof Saxes>('saxes');

/** A WordPress author from the export's channel. */
export interface WxrAuthor {
  login: string;
  email: string;
  displayName: string;
  firstName: string;
  lastName: string;
}

export interface WxrCategory {
  nicename: string;
  parent: string;
  name: string;
  description: string;
}

export interface WxrTerm {
  slug: string;
  name: string;
}

/** One `<item>`: a post, page, attachment, or anything else WordPress exports. */
export interface WxrItem {
  title: string;
  link: string;
  creator: string;
  guid: string;
  content: string;
  excerpt: string;
  postId: string;
  postDate: string;
  postDateGmt: string;
  postModifiedGmt: string;
  postName: string;
  status: string;
  postParent: string;
  postType: string;
  postPassword: string;
  attachmentUrl: string;
  categories: { domain: string; nicename: string; name: string }[];
  meta: Map<string, string>;
  comments: number;
}

export interface WxrHandlers {
  author?(a: WxrAuthor): void;
  category?(c: WxrCategory): void;
  tag?(t: WxrTerm): void;
  /** The channel's own address (`<wp:base_site_url>` or `<link>`), for turning old links into paths. */
  site?(baseUrl: string): void;
  item?(item: WxrItem): void;
}

/** A file that is not a readable WordPress export: says where and what. */
export class WxrError extends Error {
  constructor(
    message: string,
    readonly line: number | null,
  ) {
    super(line ? `line ${line}: ${message}` : message);
  }
}

const RSS_CONTENT = 'http://purl.org/rss/1.0/modules/content/';
const DC = 'http://purl.org/dc/elements/1.1/';
/** WordPress has written 1.0, 1.1 and 1.2; the shape we read is the same. */
const WP_NS = /^http:\/\/wordpress\.org\/export\/1\.[0-2]\/$/;
const EXCERPT_NS = /^http:\/\/wordpress\.org\/export\/1\.[0-2]\/excerpt\/$/;

function blankItem(): WxrItem {
  return {
    title: '',
    link: '',
    creator: '',
    guid: '',
    content: '',
    excerpt: '',
    postId: '',
    postDate: '',
    postDateGmt: '',
    postModifiedGmt: '',
    postName: '',
    status: '',
    postParent: '',
    postType: '',
    postPassword: '',
    attachmentUrl: '',
    categories: [],
    meta: new Map(),
    comments: 0,
  };
}

/**
 * Streams a WXR file through saxes: memory holds one item at a time, whatever the file's size. Each
 * `<item>` is handed over as it closes; the caller decides when to stop and write (see `readWxr`).
 * Refuses what is not a WordPress export (wrong root, unknown namespace), malformed or truncated XML
 * and invalid UTF-8, with the line.
 */
export async function readWxr(file: string, handlers: WxrHandlers, opts: { onChunk?: () => Promise<void>; wantContent?: boolean } = {}): Promise<void> {
  const wantContent = opts.wantContent ?? true;
  const parser = new (saxes().SaxesParser)({ xmlns: true, position: true });
  const stack: string[] = [];
  let text = '';
  let item: WxrItem | null = null;
  let author: Partial<WxrAuthor> | null = null;
  let category: Partial<WxrCategory> | null = null;
  let tag: Partial<WxrTerm> | null = null;
  let meta: { key: string; value: string } | null = null;
  let itemCategory: { domain: string; nicename: string } | null = null;
  let sawRss = false;
  let sawWpNamespace = false;
  let parseError: WxrError | null = null;

  const wpName = (t: SaxesTagNS): string | null => (WP_NS.test(t.uri) ? t.local : null);

  parser.on('error', (err) => {
    parseError ??= new WxrError(err.message.replace(/^[^:]*:\d+:\d+: /, ''), parser.line);
  });
  parser.on('opentag', (t) => {
    stack.push(t.name);
    text = '';
    if (stack.length === 1) {
      if (t.local !== 'rss') parseError ??= new WxrError(`the file starts with <${t.name}>, not <rss>: this is not a WordPress export (WXR)`, parser.line);
      sawRss = true;
      for (const [, ns] of Object.entries(t.ns ?? {})) if (WP_NS.test(ns)) sawWpNamespace = true;
      if (!sawWpNamespace)
        parseError ??= new WxrError(
          'the WordPress namespace (http://wordpress.org/export/1.2/) is missing or unknown: this is not a WordPress export',
          parser.line,
        );
      return;
    }
    const wp = wpName(t);
    if (t.local === 'item' && t.uri === '') item = blankItem();
    else if (item && t.local === 'category' && t.uri === '')
      itemCategory = { domain: t.attributes.domain?.value ?? '', nicename: t.attributes.nicename?.value ?? '' };
    else if (item && wp === 'postmeta') meta = { key: '', value: '' };
    else if (!item && wp === 'author') author = {};
    else if (!item && wp === 'category') category = {};
    else if (!item && wp === 'tag') tag = {};
  });
  const collect = (s: string) => {
    // Bodies are only kept when asked for: the first pass over a big file skips them.
    if (!wantContent && item && stack[stack.length - 1] === 'content:encoded') return;
    text += s;
  };
  parser.on('text', collect);
  parser.on('cdata', collect);
  parser.on('closetag', (t) => {
    stack.pop();
    const value = text;
    text = '';
    const wp = wpName(t);
    if (item) {
      if (t.local === 'item' && t.uri === '') {
        handlers.item?.(item);
        item = null;
        return;
      }
      if (itemCategory && t.local === 'category' && t.uri === '') {
        item.categories.push({ ...itemCategory, name: value.trim() });
        itemCategory = null;
        return;
      }
      if (meta) {
        if (wp === 'meta_key') meta.key = value.trim();
        else if (wp === 'meta_value') meta.value = value;
        else if (wp === 'postmeta') {
          item.meta.set(meta.key, meta.value);
          meta = null;
        }
        return;
      }
      if (t.uri === '' && stack.length === 3) {
        if (t.local === 'title') item.title = value.trim();
        else if (t.local === 'link') item.link = value.trim();
        else if (t.local === 'guid') item.guid = value.trim();
      } else if (t.uri === DC && t.local === 'creator') item.creator = value.trim();
      else if (t.uri === RSS_CONTENT && t.local === 'encoded') item.content = value;
      else if (EXCERPT_NS.test(t.uri) && t.local === 'encoded') item.excerpt = value.trim();
      else if (wp === 'comment' && stack.length === 3) item.comments++;
      else if (wp && stack.length === 3) {
        const v = value.trim();
        if (wp === 'post_id') item.postId = v;
        else if (wp === 'post_date') item.postDate = v;
        else if (wp === 'post_date_gmt') item.postDateGmt = v;
        else if (wp === 'post_modified_gmt') item.postModifiedGmt = v;
        else if (wp === 'post_name') item.postName = v;
        else if (wp === 'status') item.status = v;
        else if (wp === 'post_parent') item.postParent = v;
        else if (wp === 'post_type') item.postType = v;
        else if (wp === 'post_password') item.postPassword = v;
        else if (wp === 'attachment_url') item.attachmentUrl = v;
      }
      return;
    }
    if (author) {
      const v = value.trim();
      if (wp === 'author_login') author.login = v;
      else if (wp === 'author_email') author.email = v;
      else if (wp === 'author_display_name') author.displayName = v;
      else if (wp === 'author_first_name') author.firstName = v;
      else if (wp === 'author_last_name') author.lastName = v;
      else if (wp === 'author') {
        handlers.author?.({ login: '', email: '', displayName: '', firstName: '', lastName: '', ...author });
        author = null;
      }
      return;
    }
    if (category) {
      const v = value.trim();
      if (wp === 'category_nicename') category.nicename = v;
      else if (wp === 'category_parent') category.parent = v;
      else if (wp === 'cat_name') category.name = v;
      else if (wp === 'category_description') category.description = v;
      else if (wp === 'category') {
        handlers.category?.({ nicename: '', parent: '', name: '', description: '', ...category });
        category = null;
      }
      return;
    }
    if (tag) {
      const v = value.trim();
      if (wp === 'tag_slug') tag.slug = v;
      else if (wp === 'tag_name') tag.name = v;
      else if (wp === 'tag') {
        handlers.tag?.({ slug: '', name: '', ...tag });
        tag = null;
      }
      return;
    }
    if (wp === 'base_site_url') handlers.site?.(value.trim());
    else if (t.local === 'link' && t.uri === '' && stack.length === 2) handlers.site?.(value.trim());
  });

  // Invalid UTF-8 is refused rather than turned into U+FFFD: a broken export is reported, not imported garbled.
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for await (const chunk of createReadStream(file, { highWaterMark: 256 * 1024 })) {
    let s: string;
    try {
      s = decoder.decode(chunk as Buffer, { stream: true });
    } catch {
      throw new WxrError(
        'the file is not valid UTF-8 (a byte sequence cannot be decoded); re-export it from WordPress or convert it to UTF-8',
        parser.line + countLinesUntilBadByte(chunk as Buffer),
      );
    }
    parser.write(s);
    if (parseError) throw parseError;
    await opts.onChunk?.();
  }
  try {
    decoder.decode();
    parser.close();
  } catch (err) {
    if (err instanceof TypeError) throw new WxrError('the file ends in the middle of a UTF-8 character', parser.line);
  }
  if (parseError) throw parseError;
  if (!sawRss) throw new WxrError('the file is empty or is not XML', null);
  if (stack.length) throw new WxrError(`the file ends before </${stack[stack.length - 1]}>: it is truncated`, parser.line);
}

/** Lines before the first undecodable byte of a chunk (valid prefix decoded leniently). */
function countLinesUntilBadByte(chunk: Buffer): number {
  const lenient = new TextDecoder('utf-8').decode(chunk);
  const bad = lenient.indexOf('\uFFFD');
  return (bad < 0 ? lenient : lenient.slice(0, bad)).split('\n').length - 1;
}
