import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { MessagesContext } from '../i18n-context.js';
import { rawHtml } from '../render.js';
import type { SiteChrome } from '../view-models.js';

/**
 * A part of the page that is the same on every page with this chrome (the masthead, the footer): rendered
 * once into `chrome.parts`, then copied in as HTML until a write purges the data it shows. The part may read
 * the chrome (which is one per language and year for the same data) and nothing else unless `name` says it:
 * `name` is the part's name plus any other value it reads.
 */
export function framePart(chrome: SiteChrome, name: string, part: () => VNode): VNode {
  const parts = chrome.parts;
  if (!parts) return part();
  const html = parts.html(`${chrome.language}|${chrome.prefix}|${chrome.year}|${name}`, () =>
    renderToString(<MessagesContext.Provider value={chrome.t}>{part()}</MessagesContext.Provider>),
  );
  return rawHtml(html);
}
