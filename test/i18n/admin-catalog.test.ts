import fs from 'node:fs/promises';
import path from 'node:path';
import { IntlMessageFormat } from 'intl-messageformat';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { adminEn } from '../../src/i18n/catalogs/admin-en.js';
import { adminText } from '../../src/i18n/admin-text.js';

/** Every source file under src/, as text. */
async function sources(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await sources(full)));
    else if (/\.tsx?$/.test(entry.name) && !full.includes(`${path.sep}catalogs${path.sep}`)) out.push(await fs.readFile(full, 'utf8'));
  }
  return out;
}

/**
 * Admin page files whose own text may stay inline while someone moves it into the catalog. Empty now: every
 * admin page takes its words from the catalog. A file put here is skipped by the inline check until it is clean,
 * and the test fails on a listed file that is already clean, so an entry cannot outlive the work.
 */
const PENDING: string[] = [];

/**
 * Text that has letters but is not copy, so it stays inline. Each entry says why; keep the list short.
 * Text inside <code>, <kbd> and <samp> is allowed whole: it is what a machine reads or an editor types
 * (a path, a header, a setting's name), the same in every language.
 */
const NOT_COPY: ReadonlyMap<string, string> = new Map([
  // Fill-in tokens an editor types into a text (the privacy policy, a funder's line): the software replaces these exact
  // names, so they read the same in every language. In an ICU message they would need quoting; inline they are plain.
  ['{outlet}', 'replaced by the outlet name'],
  ['{funder}', "replaced by the funder's name"],
  ['{contact}', "replaced by the outlet's contact address"],
]);

/**
 * Attributes whose value a reader sees or hears. `value` counts on submit, button and reset inputs (it is their label) and on
 * buttons without a `name` (a value there can only be meant as a label).
 */
const COPY_ATTRIBUTES = new Set(['title', 'placeholder', 'aria-label', 'alt', 'label']);
const MACHINE_TEXT_TAGS = new Set(['code', 'kbd', 'samp']);

interface InlineText {
  file: string;
  line: number;
  text: string;
}

const LETTER = /\p{L}/u;

/** The English (or any) words a TSX source writes inline where a reader would see them: JSX text, literal children and copy attributes. */
function inlineText(file: string, source: string): InlineText[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: InlineText[] = [];
  const report = (node: ts.Node, raw: string) => {
    // An entity (&lt; &amp; &#8212;) is a mark, not a word.
    const text = raw
      .replace(/&(#?\w+);/g, '')
      .replace(/\s+/g, ' ')
      .trim();
    if (!LETTER.test(text) || NOT_COPY.has(text)) return;
    const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
    found.push({ file, line, text });
  };
  // A literal, a template's own text (with or without ${…}), or a branch of ?:, && , || or ?? that is one.
  const literals = (e: ts.Expression | undefined) => {
    if (!e) return;
    if (ts.isParenthesizedExpression(e)) return literals(e.expression);
    if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return report(e, e.text);
    if (ts.isTemplateExpression(e)) return report(e, [e.head.text, ...e.templateSpans.map((s) => s.literal.text)].join(' '));
    if (ts.isConditionalExpression(e)) {
      literals(e.whenTrue);
      literals(e.whenFalse);
      return;
    }
    if (
      ts.isBinaryExpression(e) &&
      [ts.SyntaxKind.AmpersandAmpersandToken, ts.SyntaxKind.BarBarToken, ts.SyntaxKind.QuestionQuestionToken].includes(e.operatorToken.kind)
    ) {
      literals(e.left);
      literals(e.right);
    }
  };
  const insideMachineText = (node: ts.Node) => {
    for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
      if (ts.isJsxElement(n) && MACHINE_TEXT_TAGS.has(n.openingElement.tagName.getText(sf))) return true;
    }
    return false;
  };
  const attribute = (opening: ts.JsxOpeningLikeElement, name: string) =>
    opening.attributes.properties.find((p): p is ts.JsxAttribute => ts.isJsxAttribute(p) && p.name.getText(sf) === name);
  const isLabelValue = (attr: ts.JsxAttribute) => {
    const opening = attr.parent.parent;
    const tag = opening.tagName.getText(sf);
    // A named button's value is what the form sends (intent=send), not what it shows.
    if (tag === 'button') return !attribute(opening, 'name');
    if (tag !== 'input') return false;
    const type = attribute(opening, 'type')?.initializer;
    return !!type && ts.isStringLiteral(type) && ['submit', 'button', 'reset'].includes(type.text);
  };

  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node)) {
      if (!insideMachineText(node)) report(node, node.text);
    } else if (ts.isJsxExpression(node) && (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent))) {
      if (!insideMachineText(node)) literals(node.expression);
    } else if (ts.isJsxAttribute(node)) {
      const name = node.name.getText(sf);
      if (COPY_ATTRIBUTES.has(name) || (name === 'value' && isLabelValue(node))) {
        const init = node.initializer;
        if (init && ts.isStringLiteral(init)) report(init, init.text);
        else if (init && ts.isJsxExpression(init)) literals(init.expression);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

/** The admin's page files: every .tsx under views/pages/admin, and views/partials/admin* if there are any. */
async function adminViewFiles(): Promise<string[]> {
  const pages = (await fs.readdir('src/views/pages/admin')).filter((f) => f.endsWith('.tsx')).map((f) => `src/views/pages/admin/${f}`);
  const partials = (await fs.readdir('src/views/partials')).filter((f) => f.startsWith('admin') && f.endsWith('.tsx')).map((f) => `src/views/partials/${f}`);
  return [...pages, ...partials].sort();
}

const listed = (found: InlineText[]) => found.map((f) => `${f.file}:${f.line}  "${f.text}"`);

describe('the admin catalog', () => {
  it('has no key that no source file asks for (missing keys fail the typecheck: adminText takes only its keys)', async () => {
    const all = (await sources(path.resolve('src'))).join('\n');
    // adminText('key' …) (on the server, and in the editor island's own lookup), the key possibly on the next line.
    const asked = new Set([...all.matchAll(/\badminText\(\s*'([\w.-]+)'/g)].map((m) => m[1]));
    const unused = Object.keys(adminEn).filter((key) => !asked.has(key));
    expect(unused).toEqual([]);
  });

  it('defines each key in one area file only (a spread would let the later one win without a word)', async () => {
    const dir = 'src/i18n/catalogs/admin';
    const owner = new Map<string, string>();
    const twice: string[] = [];
    for (const file of (await fs.readdir(dir)).filter((f) => f.endsWith('.ts'))) {
      const mod = (await import(`../../${dir}/${file}`)) as Record<string, Record<string, string>>;
      for (const catalog of Object.values(mod))
        for (const key of Object.keys(catalog)) {
          if (owner.has(key)) twice.push(`${key}: ${owner.get(key)} and ${file}`);
          else owner.set(key, file);
        }
    }
    expect(owner.size).toBeGreaterThan(0);
    expect(twice).toEqual([]);
  });

  it('parses as ICU and fills its placeholders', () => {
    for (const [key, message] of Object.entries(adminEn)) expect(() => new IntlMessageFormat(message, 'en'), key).not.toThrow();
    expect(adminText('frame.logOut', { name: 'Ana' })).toBe('Log out Ana');
    expect(adminText('frame.title', { page: 'Articles', site: 'The Dispatch' })).toBe('Articles · The Dispatch admin');
  });
});

describe('admin pages write no copy inline', () => {
  it('finds no inline text in an admin page that is not pending', async () => {
    const files = await adminViewFiles();
    expect(files.length).toBeGreaterThan(PENDING.length);
    const found: InlineText[] = [];
    for (const file of files.filter((f) => !PENDING.includes(f))) found.push(...inlineText(file, await fs.readFile(file, 'utf8')));
    expect(listed(found)).toEqual([]);
  });

  it('lists only pending files that exist and still have inline text', async () => {
    const files = await adminViewFiles();
    const stale: string[] = [];
    for (const file of PENDING) {
      if (!files.includes(file)) stale.push(`${file}: no such admin page`);
      else if (inlineText(file, await fs.readFile(file, 'utf8')).length === 0) stale.push(`${file}: already clean, take it off PENDING`);
    }
    expect(stale).toEqual([]);
  });

  it('reports English written inline, wherever the checker looks', () => {
    const sample = [
      'export const P = ({ n, ok }: { n: number; ok: boolean }) => (',
      '  <form title="Save the story">',
      '    <h1>Partners</h1>',
      "    {'Nothing yet.'}",
      "    {ok ? 'Saved' : <b>{`Try again`}</b>}",
      '    <p>{`${n} rows`}</p>',
      '    <input placeholder="name@example.org" aria-label={ok ? "Address" : "Email"} />',
      '    <img alt="Logo" />',
      '    <button value="Send">x</button>',
      '    <input type="submit" value="Publish" />',
      '  </form>',
      ');',
    ].join('\n');
    expect(listed(inlineText('sample.tsx', sample))).toEqual([
      'sample.tsx:2  "Save the story"',
      'sample.tsx:3  "Partners"',
      'sample.tsx:4  "Nothing yet."',
      'sample.tsx:5  "Saved"',
      'sample.tsx:5  "Try again"',
      'sample.tsx:6  "rows"',
      'sample.tsx:7  "name@example.org"',
      'sample.tsx:7  "Address"',
      'sample.tsx:7  "Email"',
      'sample.tsx:8  "Logo"',
      'sample.tsx:9  "Send"',
      'sample.tsx:9  "x"',
      'sample.tsx:10  "Publish"',
    ]);
  });

  it('reports nothing on text from the catalog, machine text, or marks without letters', () => {
    const sample = [
      "import { adminText } from '../../../i18n/admin-text.js';",
      'export const P = ({ n, csrf }: { n: number; csrf: string }) => (',
      '  <form title={adminText(\'nav.partners\')} class="inline" method="post">',
      "    <h1>{adminText('nav.partners')}</h1>",
      "    <p>{adminText('frame.logOut', { name: 'Ana' })} · {n} ({n}%) — 12:30 {' '} &lt;{n}&gt;</p>",
      '    <code>X-Robots-Tag: noindex</code> <kbd>Ctrl</kbd>',
      '    <input type="hidden" name="_csrf" value={csrf} />',
      '    <input type="text" name="q" value="default" />',
      '    <button type="submit" name="intent" value="preview">{adminText(\'frame.menu\')}</button>',
      "    <p>{'{outlet}'} {'{funder}'}</p>",
      '  </form>',
      ');',
    ].join('\n');
    expect(listed(inlineText('sample.tsx', sample))).toEqual([]);
  });
});
