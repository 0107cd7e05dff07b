import type { VNode } from 'preact';
import { jsxTemplate } from 'preact/jsx-runtime';
import { renderToString } from 'preact-render-to-string';

/** Renders a full HTML document. Text in view models is escaped by preact; raw HTML enters only via rawHtml. */
export function renderDocument(page: VNode): string {
  return `<!doctype html>${renderToString(page)}`;
}

/**
 * HTML that is already rendered (by preact, from escaped view models), copied into the page as it is,
 * with no element around it. Never for text a reader or editor typed: that goes through JSX.
 */
export function rawHtml(html: string): VNode {
  // A template vnode is how precompiled JSX hands preact a finished string (preact/jsx-runtime).
  return jsxTemplate([html]);
}

const SCRIPT_UNSAFE = /[<>&\u2028\u2029]/g;
const SCRIPT_ESCAPES: Record<string, string> = { '<': '\\u003c', '>': '\\u003e', '&': '\\u0026', '\u2028': '\\u2028', '\u2029': '\\u2029' };

/**
 * Serialises JSON for a <script type="application/ld+json"> block. `<`, `>` and `&` are escaped so
 * that reader- or editor-typed text cannot close the script element.
 */
export function jsonForScript(data: unknown): string {
  return JSON.stringify(data).replace(SCRIPT_UNSAFE, (c) => SCRIPT_ESCAPES[c]!);
}
