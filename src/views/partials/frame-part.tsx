import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { Translate } from '../../i18n/translator.js';
import { MessagesContext } from '../i18n-context.js';
import { rawHtml } from '../render.js';
import type { RenderedParts, SiteChrome } from '../view-models.js';

/**
 * A part of the page that is the same on every page with this chrome (the masthead, the footer): rendered
 * once into `chrome.parts`, then copied in as HTML until a write purges the data it shows. The part may read
 * the chrome (which is one per language and year for the same data) and nothing else unless `name` says it:
 * `name` is the part's name plus any other value it reads.
 */
export function framePart(chrome: SiteChrome, name: string, part: () => VNode): VNode {
  const parts = chrome.parts;
  if (!parts) return part();
  return rawHtml(keptHtml(parts, `${chrome.language}|${chrome.prefix}|${chrome.year}|${name}`, chrome.t, part));
}

/**
 * `part` rendered with the page's words `t`, once per `name` while `parts` lasts, then copied. `name` must say
 * the language of `t` and every value the part reads beyond the data `parts` was filled from.
 */
export function keptHtml(parts: RenderedParts, name: string, t: Translate, part: () => VNode): string {
  return parts.html(name, () => renderToString(<MessagesContext.Provider value={t}>{part()}</MessagesContext.Provider>));
}

/** Names past which a part is rendered each time instead of kept: the names are per language and year, so a few. */
const MAX_PARTS = 64;

/** An empty store of rendered parts; it lives as long as the cached value holding it (Caches.cached, purged by the writes it names). */
export function keptParts(): RenderedParts {
  const held = new Map<string, string>();
  return {
    html(name, render) {
      let html = held.get(name);
      if (html === undefined) {
        html = render();
        if (held.size < MAX_PARTS) held.set(name, html);
      }
      return html;
    },
  };
}
