import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';

/** Renders a full HTML document. Text in view models is escaped by preact; raw HTML enters only via RawHtml. */
export function renderDocument(page: VNode): string {
  return `<!doctype html>${renderToString(page)}`;
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
