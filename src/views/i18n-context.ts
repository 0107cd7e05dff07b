import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Translate } from '../i18n/translator.js';

/**
 * The page language's catalog, provided once by the site layout, so partials (cards, pagination)
 * read their words without every view model threading it through. Outside a layout there is none.
 */
export const MessagesContext = createContext<Translate | null>(null);

/** The current page's `t`. Throws outside a layout: a template must not silently fall back to English. */
export function useT(): Translate {
  const t = useContext(MessagesContext);
  if (!t) throw new Error('useT() outside SiteLayout');
  return t;
}
