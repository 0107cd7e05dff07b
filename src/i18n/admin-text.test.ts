import { h, type VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { adminMessages, adminText } from './admin-text.js';

describe('adminText', () => {
  it('fills plurals by the count, so a number never meets the wrong noun', () => {
    const marked = (told: number) => adminText('admin.corrections.notice.marked', { status: 'accepted', told });
    expect(marked(0)).toBe('Marked accepted.');
    expect(marked(1)).toBe('Marked accepted. 1 reader was told.');
    expect(marked(3)).toBe('Marked accepted. 3 readers were told.');
    expect(adminText('admin.revisions.autosaves', { count: 1, last: 'today' })).toBe('1 autosave after this revision, the last today');
  });

  it('keeps a sentence with a link or a page part in it one message, its pieces in order and reader text escaped', () => {
    const intro = adminText('admin.frontPage.intro', { secondary: 4, home: (words) => h('a', { href: '/' }, words) as VNode });
    expect(renderToString(h('p', null, intro))).toMatch(/^<p>The top of the <a href="\/">home page<\/a>: a lead story and 4 secondary stories\. /);
    const gone = adminText('admin.corrections.passage.gone', {
      quote: '<b>x</b>',
      gone: (w) => h('em', null, w) as VNode,
      quoted: (w) => h('q', null, w) as VNode,
    });
    expect(renderToString(h('p', null, gone))).toBe('<p><em>This passage is no longer in the article.</em> The reader quoted: <q>&lt;b>x&lt;/b></q></p>');
  });

  it('hands a browser island its messages unfilled, as the catalog has them', () => {
    expect(adminMessages(['admin.editor.state.unsaved', 'admin.editor.toolbar.h2'])).toEqual({
      'admin.editor.state.unsaved': '{count, plural, one {# unsaved change} other {# unsaved changes}}',
      'admin.editor.toolbar.h2': 'H2',
    });
  });
});
