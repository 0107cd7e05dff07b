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

/**
 * Serialises JSON for a <script type="application/ld+json"> block. `<`, `>` and `&` are escaped so
 * that reader- or editor-typed text cannot close the script element.
 */
export function jsonForScript(data: unknown): string {
  return JSON.stringify(data)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
