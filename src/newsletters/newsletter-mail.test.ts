import { describe, expect, it } from 'vitest';
import { Translator } from '../i18n/translator.js';
import type { Newsletter } from './newsletter.js';
import { bylineOf, renderIssue, TOKEN_SLOT, type MailLanguage } from './newsletter-mail.js';

const language = (lang: 'en' | 'uk'): MailLanguage => ({ lang, prefix: lang === 'en' ? '' : '/uk', t: new Translator(lang).t });

/** One story to a list whose name and outlet carry markup, rendered in `lang`. */
const render = (lang: 'en' | 'uk') =>
  renderIssue({
    language: language(lang),
    outlet: { name: 'The <b>Dispatch</b> & Co', logoUrl: null, origin: 'https://news.example.test', postalAddress: '' },
    newsletter: { name: 'Morning "briefing" <i>' } as Newsletter,
    issue: { subject: 'Today', intro: '', number: 3 },
    stories: [{ headline: 'H', standfirst: '', byline: '', url: 'https://news.example.test/articles/h', bodyHtml: '<p>x</p>', bodyText: 'x', image: null }],
    webUrl: 'https://news.example.test/newsletters/morning/3',
    unsubscribeUrl: `https://news.example.test/newsletters/unsubscribe/${TOKEN_SLOT}`,
  });

describe('newsletter mail words', () => {
  it('writes bylines as the story cards do, in each language', () => {
    const en = language('en').t;
    const uk = language('uk').t;
    expect(bylineOf(en, [])).toBe('');
    expect(bylineOf(en, ['Ana Ruiz'])).toBe('By Ana Ruiz');
    expect(bylineOf(en, ['Ana Ruiz', 'Olena Marchuk'])).toBe('By Ana Ruiz and Olena Marchuk');
    expect(bylineOf(en, ['A', 'B', 'C'])).toBe('By A, B and C');
    expect(bylineOf(uk, ['Ana Ruiz', 'Olena Marchuk'])).toBe('Автор: Ana Ruiz і Olena Marchuk');
  });

  it('escapes the names in the translated footer and keeps the unsubscribe link inside its sentence', () => {
    const uk = render('uk');
    expect(uk.html).toContain('<html lang="uk">');
    expect(uk.html).toContain(
      'Ви отримуєте «Morning &quot;briefing&quot; &lt;i&gt;» від The &lt;b&gt;Dispatch&lt;/b&gt; &amp; Co, бо підписалися на цю розсилку.',
    );
    expect(uk.html).toMatch(
      /<a href="https:\/\/news\.example\.test\/newsletters\/unsubscribe\/__MASTHEAD_SUBSCRIBER_TOKEN__"[^>]*>Відписатися<\/a> можна одним кліком\./,
    );
    expect(uk.html).not.toContain('<b>Dispatch');
    expect(uk.html).not.toContain('__MASTHEAD_LINK__');
    // The text part is plain text: the names as written.
    expect(uk.text).toContain('Ви отримуєте «Morning "briefing" <i>» від The <b>Dispatch</b> & Co, бо підписалися на цю розсилку.');

    const en = render('en');
    expect(en.html).toContain('<html lang="en">');
    expect(en.html).toContain('You receive Morning &quot;briefing&quot; &lt;i&gt; from The &lt;b&gt;Dispatch&lt;/b&gt; &amp; Co because you signed up for it.');
    expect(en.html).toMatch(/>Unsubscribe<\/a> in one click\./);
  });
});
