import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { adminEditorIsland } from '../../i18n/catalogs/admin/editor-island.js';
import { formatParts, parseMessage } from './editor-text.js';

type Arg = { arg: string; kind?: string; cases?: Map<string, unknown[]> };

/** Every argument a message names, with the cases of the plural and select ones, nested ones too. */
function argsOf(parts: unknown[], into = new Map<string, Arg>()): Map<string, Arg> {
  for (const p of parts) {
    if (typeof p === 'string') continue;
    const a = p as Arg;
    if (!into.has(a.arg) || a.kind) into.set(a.arg, a);
    for (const inner of a.cases?.values() ?? []) argsOf(inner, into);
  }
  return into;
}

function candidates(a: Arg): (string | number)[] {
  if (a.kind === 'plural') return [0, 1, 2, 5, 21, 1500];
  if (a.kind === 'select') return [...a.cases!.keys(), 'something else'];
  return ['Ana Ruiz', 7, 'a “quoted” <b>name</b>'];
}

describe("the editor island's message reader", () => {
  it('fills every island message exactly as intl-messageformat does, for each case of its plurals and selects', () => {
    let checked = 0;
    for (const [key, message] of Object.entries(adminEditorIsland)) {
      const args = [...argsOf(parseMessage(message)).values()];
      const rounds = Math.max(1, ...args.map((a) => candidates(a).length));
      for (let i = 0; i < rounds; i++) {
        const values = Object.fromEntries(args.map((a) => [a.arg, candidates(a)[i % candidates(a).length]!]));
        const expected = new IntlMessageFormat(message, 'en').format(values);
        expect(formatParts(message, values).join(''), `${key} with ${JSON.stringify(values)}`).toBe(expected);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(Object.keys(adminEditorIsland).length);
  });

  it('picks the plural form by the count, and keeps a page part among the words in its place', () => {
    expect(formatParts(adminEditorIsland['admin.editor.state.unsaved'], { count: 1 }).join('')).toBe('1 unsaved change');
    expect(formatParts(adminEditorIsland['admin.editor.state.unsaved'], { count: 4 }).join('')).toBe('4 unsaved changes');
    expect(formatParts(adminEditorIsland['admin.editor.state.ago'], { unit: 'min', n: 3, date: '' }).join('')).toBe('3 min ago');
    const time = { nodeName: 'TIME' } as unknown as Node;
    expect(formatParts(adminEditorIsland['admin.editor.draft.message'], { time })).toEqual(['You have unsaved changes from ', time, '.']);
  });

  it("gives every toolbar button a label that holds its visible text (axe's label-content-name-mismatch)", () => {
    const island: Record<string, string> = adminEditorIsland;
    const buttons = Object.keys(island).filter((k) => k.startsWith('admin.editor.toolbar.') && !k.endsWith('.label') && k !== 'admin.editor.toolbar.label');
    expect(buttons.length).toBe(13);
    for (const key of buttons) expect(island[`${key}.label`]!.toLowerCase(), key).toContain(island[key]!.toLowerCase());
    // The one that broke it: the heading buttons show H2 and H3.
    expect(island['admin.editor.toolbar.h2.label']).toMatch(/^H2\b/);
  });
});
