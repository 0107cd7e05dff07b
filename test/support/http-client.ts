import { Parser } from 'htmlparser2';

/** A small browser stand-in for a real server: a cookie jar, no redirects followed, a fixed client address. */
export class HttpClient {
  readonly cookies = new Map<string, string>();
  constructor(
    readonly base: string,
    private readonly ip: string,
  ) {}

  // No AbortSignal: callers stop by not sending more (a shared signal on thousands of requests piles up listeners).
  async request(method: string, url: string, init: { body?: BodyInit; headers?: Record<string, string> } = {}) {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(new URL(url, this.base), {
      method,
      redirect: 'manual',
      ...(init.body !== undefined ? { body: init.body } : {}),
      headers: { 'x-forwarded-for': this.ip, 'user-agent': 'MastheadReliabilityTest/1.0', ...(cookie ? { cookie } : {}), ...init.headers },
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair!.indexOf('=');
      const name = pair!.slice(0, i);
      const value = pair!.slice(i + 1);
      if (/Max-Age=0|Expires=Thu, 01 Jan 1970/i.test(c) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return { status: res.status, headers: res.headers, body: await res.text() };
  }

  get(url: string) {
    return this.request('GET', url);
  }

  postForm(url: string, fields: Record<string, string>) {
    return this.request('POST', url, { body: new URLSearchParams(fields).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  }

  postMultipart(url: string, fields: Record<string, string>) {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.set(k, v);
    return this.request('POST', url, { body: form });
  }

  postJson(url: string, body: unknown) {
    return this.request('POST', url, { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
  }
}

/**
 * The fields a browser would submit from the first form whose action matches (or the form with the
 * given id): hidden and text inputs, checked boxes, textareas and selected options. No buttons, no files.
 */
export function formFields(html: string, match: { id?: string; action?: string | RegExp }): Record<string, string> | null {
  const fields: Record<string, string> = {};
  let inForm = false;
  let found = false;
  let done = false;
  let textarea: string | null = null;
  let select: string | null = null;
  let firstOption: string | null = null;
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (done) return;
        if (name === 'form') {
          const hit = match.id
            ? attrs.id === match.id
            : typeof match.action === 'string'
              ? attrs.action === match.action
              : match.action!.test(attrs.action ?? '');
          inForm = hit;
          found ||= hit;
          return;
        }
        if (inForm && name === 'option' && select) {
          firstOption ??= attrs.value ?? '';
          if (attrs.selected !== undefined) fields[select] = attrs.value ?? '';
          return;
        }
        if (!inForm || !attrs.name) return;
        if (name === 'input') {
          const type = (attrs.type ?? 'text').toLowerCase();
          if (['submit', 'button', 'file', 'image', 'reset'].includes(type)) return;
          if ((type === 'checkbox' || type === 'radio') && attrs.checked === undefined) return;
          fields[attrs.name] = attrs.value ?? (type === 'checkbox' ? 'on' : '');
        } else if (name === 'textarea') {
          textarea = attrs.name;
          fields[attrs.name] = '';
        } else if (name === 'select') {
          select = attrs.name;
          firstOption = null;
        }
      },
      ontext(text) {
        if (textarea) fields[textarea] += text;
      },
      onclosetag(name) {
        if (name === 'textarea') textarea = null;
        if (name === 'select' && select) {
          if (!(select in fields) && firstOption !== null) fields[select] = firstOption;
          select = null;
        }
        if (name === 'form' && inForm) {
          inForm = false;
          done = true;
        }
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  return found ? fields : null;
}
