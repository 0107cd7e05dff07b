import { describe, expect, it } from 'vitest';
import type { Article } from '../articles/article.js';
import { Urls } from '../site/urls.js';
import { escapeHtml, renderRepublishBundle } from './partner-bundle.js';
import { describeScope, grantState, hashKey, KEY_PATTERN, newPartnerKey, parseExpiry, referrerHostOf, scopeCovers, type PartnerAccess } from './partner.js';

const inCity = { slug: 'bridge-story', section: { slug: 'city-hall' } };
const inSport = { slug: 'cup-final', section: { slug: 'sport' } };
const noSection = { slug: 'editorial', section: null };

describe('scopeCovers', () => {
  it('all covers every article, with or without a section', () => {
    for (const a of [inCity, inSport, noSection]) expect(scopeCovers({ kind: 'all' }, a)).toBe(true);
  });
  it('a section covers only articles in that section', () => {
    expect(scopeCovers({ kind: 'section', section: 'city-hall' }, inCity)).toBe(true);
    expect(scopeCovers({ kind: 'section', section: 'city-hall' }, inSport)).toBe(false);
    expect(scopeCovers({ kind: 'section', section: 'city-hall' }, noSection)).toBe(false);
  });
  it('an article list covers only the listed slugs', () => {
    const scope = { kind: 'articles', slugs: ['bridge-story', 'editorial'] } as const;
    expect(scopeCovers({ ...scope, slugs: [...scope.slugs] }, inCity)).toBe(true);
    expect(scopeCovers({ ...scope, slugs: [...scope.slugs] }, noSection)).toBe(true);
    expect(scopeCovers({ ...scope, slugs: [...scope.slugs] }, inSport)).toBe(false);
    expect(scopeCovers({ kind: 'articles', slugs: ['bridge'] }, inCity)).toBe(false);
  });
  it('says the scope in words', () => {
    expect(describeScope({ kind: 'all' })).toBe('all articles');
    expect(describeScope({ kind: 'section', section: 'sport' })).toBe('section sport');
    expect(describeScope({ kind: 'articles', slugs: ['a'] })).toBe('1 article: a');
    expect(describeScope({ kind: 'articles', slugs: ['a', 'b'] })).toBe('2 articles: a, b');
  });
});

describe('grantState', () => {
  const now = new Date('2026-11-27T12:00:00.000Z');
  it('is active with no end, or before the end', () => {
    expect(grantState({ revokedAt: null, expiresAt: null }, now)).toBe('active');
    expect(grantState({ revokedAt: null, expiresAt: '2026-11-27T23:59:59.999Z' }, now)).toBe('active');
  });
  it('is expired after the end', () => {
    expect(grantState({ revokedAt: null, expiresAt: '2026-11-27T11:59:59.999Z' }, now)).toBe('expired');
  });
  it('is revoked once revoked, whatever the end', () => {
    expect(grantState({ revokedAt: '2026-11-01T00:00:00.000Z', expiresAt: '2026-11-02T00:00:00.000Z' }, now)).toBe('revoked');
    expect(grantState({ revokedAt: '2026-11-01T00:00:00.000Z', expiresAt: null }, now)).toBe('revoked');
  });
});

describe('parseExpiry', () => {
  it('reads a date as the end of that day, UTC', () => expect(parseExpiry('2027-03-31')).toBe('2027-03-31T23:59:59.999Z'));
  it('reads a date as the end of that day where the outlet is', () => {
    expect(parseExpiry('2027-03-31', 'America/Chicago')).toBe('2027-04-01T04:59:59.999Z');
    expect(parseExpiry('2027-03-31', 'Asia/Kolkata')).toBe('2027-03-31T18:29:59.999Z');
    expect(parseExpiry('2027-02-30', 'America/Chicago')).toBeNull();
  });
  it('reads an ISO instant as given', () => expect(parseExpiry('2027-03-31T10:00:00+02:00')).toBe('2027-03-31T08:00:00.000Z'));
  it('refuses days that do not exist and other text', () => {
    for (const bad of ['2027-02-30', '2027-13-01', '31/03/2027', 'tomorrow', '', '2027-03-31T10:00']) expect(parseExpiry(bad), bad).toBeNull();
  });
});

describe('referrerHostOf', () => {
  it('keeps the host only, in lower case', () => {
    expect(referrerHostOf('https://News.Example.ORG/2026/11/our-story?utm=x#top')).toBe('news.example.org');
    expect(referrerHostOf('http://localhost:8080/a')).toBe('localhost:8080');
  });
  it('is empty for no referrer, garbage, or other schemes', () => {
    for (const r of [undefined, '', 'not a url', 'javascript:alert(1)', 'file:///etc/passwd']) expect(referrerHostOf(r), String(r)).toBe('');
  });
  it('keeps at most 200 characters', () => {
    expect(referrerHostOf(`https://${'a'.repeat(60)}.${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(60)}.example/`).length).toBe(200);
  });
});

describe('partner keys', () => {
  it('are mhk_ and 32 base64url characters, different every time, hashed with SHA-256', () => {
    const a = newPartnerKey();
    const b = newPartnerKey();
    expect(a).toMatch(KEY_PATTERN);
    expect(a).not.toBe(b);
    expect(hashKey(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashKey(a)).not.toContain(a.slice(4, 12));
  });
});

describe('renderRepublishBundle', () => {
  const urls = new Urls('https://news.example.test');
  const access: PartnerAccess = { grantId: 1, keyId: 1, partnerName: '"><script>alert("partner")</script>', fullText: true, covers: () => true };
  const article = {
    id: 42,
    slug: 'bridge-story',
    headline: 'Bridge <b>closed</b> & "reopened"',
    standfirst: "What's <i>next</i>",
    authors: [
      { id: 1, slug: 'rosa', name: 'Rosa <Vance>', isGuest: false },
      { id: 2, slug: 'tom', name: 'Tom Ng', isGuest: false },
      { id: 3, slug: 'li', name: 'Li Wei', isGuest: false },
    ],
    section: { id: 1, slug: 'city-hall', name: 'City Hall' },
    bodyHtml:
      '<p>See <a href="/articles/other-story">the other story</a> and <a href="https://example.org/x">this</a>.</p>\n<img src="/media/abc/480.jpg" alt="" loading="lazy" decoding="async">',
  } as unknown as Article;

  it('escapes every value but the sanitized body, and credits the outlet with the canonical link', () => {
    const html = renderRepublishBundle(article, access, { name: 'The <Riverbend> Dispatch', urls });
    expect(html).toContain('<h1>Bridge &lt;b&gt;closed&lt;/b&gt; &amp; &quot;reopened&quot;</h1>');
    expect(html).toContain('<p class="byline">By Rosa &lt;Vance&gt;, Tom Ng and Li Wei</p>');
    expect(html).toContain('<p class="standfirst">What&#39;s &lt;i&gt;next&lt;/i&gt;</p>');
    expect(html).toContain('data-partner="&quot;&gt;&lt;script&gt;alert(&quot;partner&quot;)&lt;/script&gt;"');
    expect(html).not.toContain('<script');
    expect(html).toContain('<link rel="canonical" href="https://news.example.test/articles/bridge-story">');
    expect(html).toContain(
      'First published by <a href="https://news.example.test/articles/bridge-story">The &lt;Riverbend&gt; Dispatch</a> at <a href="https://news.example.test/articles/bridge-story">https://news.example.test/articles/bridge-story</a>.',
    );
    expect(html).toMatch(/<img src="https:\/\/news\.example\.test\/republish\/pixel\/42\.gif" width="1" height="1" alt=""/);
  });

  it("makes the body's links and images absolute, so they work on the partner's site", () => {
    const html = renderRepublishBundle(article, access, { name: 'Dispatch', urls });
    expect(html).toContain('<a href="https://news.example.test/articles/other-story">the other story</a>');
    expect(html).toContain('<a href="https://example.org/x">this</a>');
    expect(html).toContain('<img src="https://news.example.test/media/abc/480.jpg"');
  });

  it('escapes the five characters HTML cares about', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });
});
