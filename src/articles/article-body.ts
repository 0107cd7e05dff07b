import { Parser } from 'htmlparser2';
import type MarkdownIt from 'markdown-it';
import type sanitizeHtml from 'sanitize-html';
import { lazyPackage } from '../lazy-package.js';

// Both run when a story is written or imported, never to serve one: loaded on first use, not at start.
const sanitizer = lazyPackage<typeof sanitizeHtml>('sanitize-html');
const markdownLibrary = lazyPackage<typeof MarkdownIt>('markdown-it');

/**
 * Article bodies are stored as sanitized HTML. This module is the one place that makes it:
 * Markdown (raw HTML disabled) -> HTML -> allow-list sanitizer. Whatever the input,
 * only these tags and attributes reach a reader's browser.
 */
const ALLOWED: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'h2',
    'h3',
    'h4',
    'blockquote',
    'ul',
    'ol',
    'li',
    'a',
    'strong',
    'em',
    'b',
    'i',
    'code',
    'pre',
    'br',
    'hr',
    'figure',
    'figcaption',
    'img',
    'sup',
    'sub',
    'abbr',
    's',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'rel'],
    img: ['src', 'alt', 'width', 'height', 'loading', 'decoding'],
    abbr: ['title'],
    ol: ['start'],
    p: ['class'],
  },
  allowedClasses: { p: ['inline-related'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['https', 'http'] },
  allowProtocolRelative: false,
  // An image whose source was removed (data:, javascript:) is dropped rather than left empty.
  exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src,
  transformTags: {
    // Lazy-load inline images: they are below the hero by construction.
    img: (tagName, attribs) => ({ tagName, attribs: { ...attribs, loading: 'lazy', decoding: 'async' } }),
  },
};

let markdown: MarkdownIt | null = null;

function markdownRenderer(): MarkdownIt {
  if (markdown) return markdown;
  markdown = new (markdownLibrary())({ html: false, linkify: true, typographer: true, breaks: false });
  // A paragraph that starts with "Related:" is an inline related link; mark it so the stylesheet can set it apart.
  markdown.core.ruler.push('inline_related', (state) => {
    const tokens = state.tokens;
    for (let i = 0; i + 1 < tokens.length; i++) {
      const open = tokens[i]!;
      const inline = tokens[i + 1]!;
      if (open.type === 'paragraph_open' && inline.type === 'inline' && /^Related:/i.test(inline.content)) {
        open.attrJoin('class', 'inline-related');
      }
    }
  });
  return markdown;
}

/** Sanitizes untrusted HTML down to the article allow-list. */
export function sanitizeBodyHtml(html: string): string {
  return sanitizer()(html, ALLOWED).trim();
}

/** Renders Markdown source to sanitized HTML. */
export function renderMarkdown(source: string): string {
  return sanitizeBodyHtml(markdownRenderer().render(source));
}

const BLOCK = new Set(['p', 'h2', 'h3', 'h4', 'blockquote', 'li', 'pre', 'figcaption', 'hr', 'br', 'ul', 'ol', 'figure']);

/** The text content of sanitized body HTML: blocks separated by blank lines, entities decoded. */
export function bodyText(html: string): string {
  const parts: string[] = [];
  let current = '';
  const flush = () => {
    const t = current.replace(/\s+/g, ' ').trim();
    if (t) parts.push(t);
    current = '';
  };
  const parser = new Parser(
    {
      onopentag(name) {
        if (BLOCK.has(name)) flush();
      },
      ontext(text) {
        current += text;
      },
      onclosetag(name) {
        if (BLOCK.has(name)) flush();
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  flush();
  return parts.join('\n\n');
}
