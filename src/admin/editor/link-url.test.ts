import { describe, expect, it } from 'vitest';
import { isKeptHref, parseLinkInput } from './link-url.js';

describe('parseLinkInput (the link prompt)', () => {
  it('accepts web and mail links, normalised by the URL parser', () => {
    expect(parseLinkInput(' https://example.org/agenda.pdf ')).toEqual({ ok: true, href: 'https://example.org/agenda.pdf' });
    expect(parseLinkInput('http://example.org')).toEqual({ ok: true, href: 'http://example.org/' });
    expect(parseLinkInput('mailto:desk@example.org')).toEqual({ ok: true, href: 'mailto:desk@example.org' });
  });

  it('reads a bare host as https and a bare address as mail', () => {
    expect(parseLinkInput('example.org/fares?year=2026')).toEqual({ ok: true, href: 'https://example.org/fares?year=2026' });
    expect(parseLinkInput('tips@example.org')).toEqual({ ok: true, href: 'mailto:tips@example.org' });
  });

  it('refuses every other scheme, however it is disguised', () => {
    for (const input of [
      'javascript:alert(1)',
      'JavaScript:alert(1)',
      ' javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:x',
      'ftp://example.org/file',
      'tel:+15555550100',
    ]) {
      expect(parseLinkInput(input), input).toEqual({ ok: false, reason: 'scheme' });
    }
    // Browsers drop tabs and newlines inside URLs, so these are javascript: links too: refused as not web addresses.
    for (const input of ['java\tscript:alert(1)', 'java\nscript:alert(1)']) {
      expect(parseLinkInput(input).ok, JSON.stringify(input)).toBe(false);
    }
  });

  it('says why it refuses empty or meaningless input', () => {
    expect(parseLinkInput('   ')).toEqual({ ok: false, reason: 'empty' });
    expect(parseLinkInput('the council')).toEqual({ ok: false, reason: 'invalid' });
    expect(parseLinkInput('https://')).toEqual({ ok: false, reason: 'invalid' });
    expect(parseLinkInput('/articles/earlier-report')).toEqual({ ok: false, reason: 'invalid' });
  });
});

describe('isKeptHref (links already in a body)', () => {
  it('keeps web and mail links, same-site paths and fragments', () => {
    for (const href of ['https://example.org/', 'http://example.org/a', 'mailto:desk@example.org', '/articles/earlier-report', '#sources', 'earlier-report']) {
      expect(isKeptHref(href), href).toBe(true);
    }
  });

  it('drops scripts, data, other schemes and protocol-relative links', () => {
    for (const href of [
      'javascript:alert(1)',
      'java\tscript:alert(1)',
      'data:text/html,x',
      'ftp://example.org',
      '//evil.example/x',
      '/\\evil.example/x',
      '',
      null,
      undefined,
    ]) {
      expect(isKeptHref(href), String(href)).toBe(false);
    }
  });
});
