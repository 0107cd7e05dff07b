import { describe, expect, it } from 'vitest';
import { bodyText, renderMarkdown, sanitizeBodyHtml } from './article-body.js';

describe('renderMarkdown', () => {
  it('renders the structure a story uses: headings, quotes, lists, emphasis and https links', () => {
    const html = renderMarkdown(
      [
        '## What the budget does',
        '',
        '> We cannot keep deferring this.',
        '',
        '- **Total:** $612 million',
        '- *General fund:* $318 million',
        '',
        '3. third',
        '4. fourth',
        '',
        'Read [the proposal](https://example.org/budget.pdf "PDF").',
      ].join('\n'),
    );
    expect(html).toContain('<h2>What the budget does</h2>');
    expect(html).toMatch(/<blockquote>\s*<p>We cannot keep deferring this\.<\/p>\s*<\/blockquote>/);
    expect(html).toMatch(/<ul>\s*<li><strong>Total:<\/strong> \$612 million<\/li>\s*<li><em>General fund:<\/em> \$318 million<\/li>\s*<\/ul>/);
    expect(html).toMatch(/<ol start="3">\s*<li>third<\/li>\s*<li>fourth<\/li>\s*<\/ol>/);
    expect(html).toContain('<a href="https://example.org/budget.pdf" title="PDF">the proposal</a>');
  });

  it('escapes raw HTML instead of passing it through', () => {
    const html = renderMarkdown('<script>alert(1)</script>\n\nText <img src=x onerror="alert(1)"> after.');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=');
  });

  it('does not make links out of javascript: URLs, in any letter case', () => {
    const html = renderMarkdown('[click](javascript:alert(1)) and [this](JaVaScRiPt:alert(2)) and <javascript:alert(3)>');
    expect(html).not.toMatch(/href\s*=\s*["']?\s*javascript:/i);
    expect(html).not.toContain('<a');
  });

  it('does not make links out of data: URLs', () => {
    const html = renderMarkdown('[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)');
    expect(html).not.toMatch(/href\s*=\s*["']?\s*data:/i);
  });

  it('marks a paragraph that starts with "Related:" with the inline-related class, and no other', () => {
    const html = renderMarkdown('First paragraph.\n\nRelated: [Levee study](/articles/millrace-levee-outdated)\n\nLast paragraph.');
    expect(html).toContain('<p class="inline-related">Related: <a href="/articles/millrace-levee-outdated">Levee study</a></p>');
    expect(html).toContain('<p>First paragraph.</p>');
    expect(html).toContain('<p>Last paragraph.</p>');
    expect(html.match(/class=/g)).toHaveLength(1);
  });

  it('lazy-loads inline images with https sources', () => {
    const html = renderMarkdown('![A flooded street](https://example.org/flood.jpg)');
    expect(html).toContain('<img src="https://example.org/flood.jpg" alt="A flooded street" loading="lazy" decoding="async" />');
  });
});

describe('sanitizeBodyHtml', () => {
  it('keeps allowed tags and attributes as they are', () => {
    const html =
      '<h3>Sub</h3><p>Text with <a href="https://example.org/a" title="A">a link</a> and <abbr title="Federal Emergency Management Agency">FEMA</abbr>.</p>';
    expect(sanitizeBodyHtml(html)).toBe(html);
  });

  it('removes style attributes and event handlers', () => {
    const html = sanitizeBodyHtml('<p style="color:red" onclick="steal()" onmouseover="steal()">Hi <strong style="font-size:99px">there</strong></p>');
    expect(html).toBe('<p>Hi <strong>there</strong></p>');
  });

  it('removes iframes, scripts, styles, objects and forms with their content where it is code', () => {
    const html = sanitizeBodyHtml(
      '<p>a</p><iframe src="https://evil.example/x"></iframe><script>steal()</script><style>p{display:none}</style>' +
        '<object data="x.swf"></object><form action="https://evil.example"><input name="q"></form><p>b</p>',
    );
    expect(html).toBe('<p>a</p><p>b</p>');
  });

  it('strips data:, javascript: and protocol-relative URLs from images and links', () => {
    const html = sanitizeBodyHtml(
      '<img src="data:image/png;base64,AAAA" alt="d" onerror="steal()">' +
        '<a href="javascript:steal()">j</a><a href=" JAVASCRIPT:steal()">k</a><a href="//evil.example/x">p</a>' +
        '<img src="https://example.org/ok.png" alt="ok">',
    );
    expect(html).not.toMatch(/data:|javascript:|evil\.example|onerror/i);
    expect(html).toContain('<a>j</a><a>k</a><a>p</a>');
    expect(html).toContain('<img src="https://example.org/ok.png" alt="ok" loading="lazy" decoding="async" />');
  });

  it('keeps the inline-related class on paragraphs and strips every other class', () => {
    expect(sanitizeBodyHtml('<p class="evil inline-related big">x</p>')).toBe('<p class="inline-related">x</p>');
    expect(sanitizeBodyHtml('<p class="banner">x</p><h2 class="inline-related">y</h2>')).toBe('<p>x</p><h2>y</h2>');
  });

  it('unwraps disallowed containers but keeps their text', () => {
    expect(sanitizeBodyHtml('<div class="x"><span style="color:red">kept text</span></div>')).toBe('kept text');
  });
});

describe('bodyText', () => {
  it('separates blocks with a blank line and joins inline text', () => {
    const text = bodyText(
      '<h2>Heading</h2><p>One <strong>bold</strong> <a href="https://x.org">link</a>.</p><ul><li>first</li><li>second</li></ul><blockquote><p>Quoted.</p></blockquote>',
    );
    expect(text).toBe('Heading\n\nOne bold link.\n\nfirst\n\nsecond\n\nQuoted.');
  });

  it('decodes entities', () => {
    expect(bodyText('<p>Tom &amp; Jerry &lt;3 &quot;cheese&quot; &#8212; &eacute;t&eacute;</p>')).toBe('Tom & Jerry <3 "cheese" — été');
  });

  it('collapses whitespace from source formatting and drops empty blocks', () => {
    expect(bodyText('<p>\n  spread\n   over   lines\n</p>\n\n<p>  </p><hr><p>after</p>')).toBe('spread over lines\n\nafter');
  });

  it('gives the plain text of rendered Markdown', () => {
    expect(bodyText(renderMarkdown('First **para** & more.\n\nSecond para.'))).toBe('First para & more.\n\nSecond para.');
  });
});
