import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../support/app.js';
import { bilingualOutlet } from '../support/bilingual.js';
import { memberClient } from '../support/members.js';

/**
 * A reader's form or request that fails under /uk/ is answered in Ukrainian: the services name the problem by a
 * catalog key and the page words it, with no English left and no lang="en" on the message.
 */

let app: TestApp;
const UK_STORY = '/uk/articles/mosty-pereviriaiut-pislia-poveni';

beforeAll(async () => {
  app = await bilingualOutlet();
}, 60_000);
afterAll(async () => {
  await app?.close();
});

const post = (url: string, fields: Record<string, string>) =>
  app.http.inject({
    method: 'POST',
    url,
    payload: new URLSearchParams(fields).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': 'TestBrowser/1.0' },
  });

/** The text of the page's alert, and the lang it is marked with (none: the page's own). */
function alertIn(html: string): { text: string; lang: string | null } {
  const m = /<p class="(?:notice error|search-message)"[^>]*?(?: lang="([^"]+)")?[^>]*>([\s\S]*?)<\/p>/.exec(html);
  expect(m, 'the page shows the problem').not.toBeNull();
  return { text: m![2]!.trim(), lang: m![1] ?? null };
}

describe('a failing form under /uk/ answers in Ukrainian', () => {
  it('a sign-in with an address that is not one', async () => {
    const res = await post('/uk/account/sign-in', { email: 'not an address' });
    expect(res.statusCode).toBe(422);
    expect(alertIn(res.body)).toEqual({ text: 'Введіть адресу електронної пошти, наприклад name@example.org.', lang: null });
    // The same form at the root says it in English.
    expect(alertIn((await post('/account/sign-in', { email: 'not an address' })).body).text).toBe('Enter an email address, such as name@example.org.');
  });

  it('an empty correction report, and a passage the story does not contain', async () => {
    const empty = await post(`${UK_STORY}/report`, { quote: '', suggestion: 'Має бути інакше.' });
    expect(empty.statusCode).toBe(422);
    expect(alertIn(empty.body)).toEqual({ text: 'Виділіть або вставте уривок, про який хочете повідомити.', lang: null });
    const elsewhere = await post(`${UK_STORY}/report`, { quote: 'Цього речення в матеріалі немає зовсім', suggestion: 'Виправте.' });
    expect(elsewhere.statusCode).toBe(422);
    expect(alertIn(elsewhere.body).text).toBe('Ми не знайшли цього уривка в матеріалі. Скопіюйте його точно так, як він написаний.');
  });

  it('a topic proposal from a reader who is not signed in', async () => {
    const res = await post('/uk/topics', { title: 'Чому міст досі закритий', description: '' });
    expect(res.statusCode).toBe(401);
    expect(alertIn(res.body)).toEqual({
      text: 'Спершу увійдіть: пропонувати теми й голосувати можуть лише патрони, і нам треба знати, хто ви.',
      lang: null,
    });
  });

  it('a patron’s topic proposal that is too short, and a vote on a topic whose voting has closed', async () => {
    const patron = await memberClient(app, { patron: true });
    const short = await patron.post('/uk/topics', { title: 'Міст', description: '' });
    expect(short.statusCode).toBe(422);
    expect(alertIn(short.body)).toEqual({ text: 'Назва має містити від 8 до 120 символів.', lang: null });
    expect(short.body).toContain('aria-invalid="true"');

    const proposed = await app.services.topics.propose({ memberId: patron.member.id, title: 'Хто відповідає за ремонт мосту', description: '' }, app.clock());
    if (!proposed.ok) throw new Error(proposed.message);
    const id = proposed.topic.id;
    const declined = await app.services.topics.setStatus(id, { status: 'declined', reason: 'Ми вже писали про це.' }, { now: app.clock(), actor: null });
    expect(declined.ok).toBe(true);
    const vote = await patron.post(`/uk/topics/${id}/votes`);
    expect(vote.statusCode).toBe(409);
    expect(alertIn(vote.body)).toEqual({ text: 'Голосування за цю тему завершено.', lang: null });
    // The JSON API keeps its English words.
    const api = await app.http.inject({
      method: 'POST',
      url: `/api/v1/topics/${id}/votes`,
      headers: { ...patron.headers, 'x-csrf-token': patron.csrf },
    });
    expect(api.statusCode).toBe(409);
    expect(JSON.stringify(api.json())).toContain('voting on it has closed');
  });

  it('an account form sent without being signed in, and one whose form token is stale', async () => {
    const signedOut = await post('/uk/account/name', { name: 'Оксана' });
    expect(signedOut.statusCode).toBe(401);
    expect(signedOut.body).toContain('Спершу увійдіть у свій обліковий запис, а тоді спробуйте ще раз.');
    expect(signedOut.body).not.toContain('Sign in to do that');
    const reader = await memberClient(app);
    const stale = await app.http.inject({
      method: 'POST',
      url: '/uk/account/name',
      headers: { ...reader.headers, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: 'x'.repeat(reader.csrf.length), name: 'Оксана' }).toString(),
    });
    expect(stale.statusCode).toBe(403);
    expect(stale.body).toContain('Ця форма застаріла');
    expect(stale.body).not.toContain('This form has expired');
  });

  it('a newsletter signup from /uk/: no such newsletter, and the check-your-inbox page', async () => {
    const none = await post('/uk/newsletters/subscribe', { newsletter: 'no-such-letter', email: 'reader@example.org' });
    expect(none.statusCode).toBe(404);
    expect(none.body).toContain('<html lang="uk"');
    expect(none.body).toContain('Такої розсилки немає.');
    // A filled trap field gets the same answer a person does (and nothing is sent): the page is Ukrainian too.
    const trapped = await post('/uk/newsletters/subscribe', { newsletter: 'no-such-letter', email: 'reader@example.org', website: 'x' });
    expect(trapped.statusCode).toBe(200);
    expect(trapped.body).toContain('<html lang="uk"');
    expect(trapped.body).toContain('Перевірте пошту');
    expect(trapped.body).not.toContain('Check your inbox');
  });

  it('the account page’s own refusals: a deletion not confirmed with the right address', async () => {
    const reader = await memberClient(app);
    const res = await reader.post('/uk/account/delete', { confirm: 'someone-else@example.org' });
    expect(res.statusCode).toBe(422);
    expect(alertIn(res.body)).toEqual({ text: 'Для підтвердження введіть точно ту адресу електронної пошти, з якою ви входите.', lang: null });
    const billing = await reader.post('/uk/account/billing');
    expect(billing.statusCode).toBe(409);
    expect(alertIn(billing.body)).toEqual({
      text: 'У вас немає платежу карткою, яким можна керувати тут. Щоб змінити патронство, оформлене вручну, напишіть нам.',
      lang: null,
    });
  });

  it('a republish request with a bad address and a missing answer, each named next to its field, then too many requests', async () => {
    const request = {
      organisation: 'Волинська газета',
      contactName: 'Оксана Мельник',
      contactEmail: 'oksana@gazeta.example',
      website: '',
      articles: 'Усі про міст',
      purpose: 'Друкований тижневик.',
    };
    /** The problem shown under one field, and the lang it is marked with. */
    const fieldAlert = (html: string, field: string) => {
      const m = new RegExp(`<p class="notice error" id="${field}-error"[^>]*?(?: lang="([^"]+)")?[^>]*>([\\s\\S]*?)</p>`).exec(html);
      expect(m, `the page names ${field}`).not.toBeNull();
      return { text: m![2]!.trim(), lang: m![1] ?? null };
    };
    const badEmail = await post('/uk/republish', { ...request, contactEmail: 'oksana-at-gazeta' });
    expect(badEmail.statusCode).toBe(422);
    expect(alertIn(badEmail.body)).toEqual({ text: 'Перевірте форму: одну з відповідей треба виправити.', lang: null });
    expect(fieldAlert(badEmail.body, 'contactEmail')).toEqual({
      text: 'Ваша електронна адреса має бути адресою електронної пошти, наприклад name@example.org.',
      lang: null,
    });
    expect(badEmail.body).toContain('aria-describedby="contactEmail-error"');
    const noPurpose = await post('/uk/republish', { ...request, purpose: '  ' });
    expect(noPurpose.statusCode).toBe(422);
    expect(fieldAlert(noPurpose.body, 'purpose')).toEqual({ text: 'Напишіть, як ви їх використаєте.', lang: null });
    const longName = await post('/uk/republish', { ...request, contactName: 'я'.repeat(201) });
    expect(fieldAlert(longName.body, 'contactName').text).toBe('Ім’я може мати щонайбільше 200 символів.');
    // The same form at the root says it in English, naming the field.
    const root = await post('/republish', { ...request, purpose: '' });
    expect(fieldAlert(root.body, 'purpose').text).toBe('How you will use them is required.');
    // Five requests an hour from one network: the sixth is refused, in Ukrainian, with what was typed kept.
    await post('/uk/republish', { ...request, contactEmail: 'x' });
    const over = await post('/uk/republish', request);
    expect(over.statusCode).toBe(429);
    expect(alertIn(over.body)).toEqual({ text: 'Ви надіслали кілька запитів за короткий час. Спробуйте ще раз за 60 хвилин.', lang: null });
    expect(over.body).toContain('value="Волинська газета"');
    expect(over.body).not.toMatch(/try again|is required|must be/);
  });

  it('a search that cannot run, a filter that names nothing, and an address it refuses', async () => {
    const get = (url: string) => app.http.inject({ method: 'GET', url, headers: { 'user-agent': 'TestBrowser/1.0' } });
    const onlyOut = await get(`/uk/search?q=${encodeURIComponent('-міст')}`);
    expect(alertIn(onlyOut.body)).toEqual({ text: 'Додайте слово, яке треба знайти: пошук не може лише виключати слова.', lang: null });
    const noSection = await get(`/uk/search?q=${encodeURIComponent('міст')}&section=no-such-desk`);
    expect(alertIn(noSection.body).text).toBe('Розділу «no-such-desk» немає.');
    // Hostile: a query far past the limit is a 400 on our own page, worded in Ukrainian.
    const huge = await get(`/uk/search?q=${'а'.repeat(20_001)}`);
    expect(huge.statusCode).toBe(400);
    expect(huge.body).toContain('<p>Частина цієї адреси чи форми неправильна.');
    expect(huge.body).not.toContain('must be at most');
    // The JSON API keeps its English words for machine clients.
    const api = await get(`/api/v1/search?q=${encodeURIComponent('-міст')}`);
    expect(api.statusCode).toBe(400);
    expect(api.json().error).toBe('Add a word to look for: a search cannot only leave words out.');
  });
});
