import { emailSchema, normalizeEmail } from './newsletter.js';

/** One row of an import that can be taken, or why it cannot. Line numbers count from 1, header included. */
export type CsvRow = { ok: true; line: number; email: string; name: string; subscribedAt: string | null } | { ok: false; line: number; message: string };

/** Splits CSV text (RFC 4180: quoted fields, doubled quotes, CRLF or LF) into records with their first line numbers. */
export function parseCsv(text: string): { records: { line: number; fields: string[] }[]; error: string | null } {
  const records: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  let i = 0;
  const src = text.replace(/^\uFEFF/, '');
  const endRecord = () => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0] === '')) records.push({ line: start, fields });
    fields = [];
    field = '';
  };
  while (i < src.length) {
    const c = src[i]!;
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (c === '"') quoted = false;
      else {
        if (c === '\n') line++;
        field += c;
      }
      i++;
      continue;
    }
    if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      fields.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      endRecord();
      line++;
      start = line;
    } else field += c;
    i++;
  }
  if (quoted) return { records, error: `line ${start}: a quoted field is never closed` };
  if (field !== '' || fields.length) endRecord();
  return { records, error: null };
}

const HEADER_NAMES: Record<string, 'email' | 'name' | 'subscribed'> = {
  email: 'email',
  'email address': 'email',
  e_mail: 'email',
  name: 'name',
  'full name': 'name',
  subscribed: 'subscribed',
  subscribed_at: 'subscribed',
  'subscribed date': 'subscribed',
  'subscribed at': 'subscribed',
  date: 'subscribed',
};

/**
 * Reads a subscriber list: a header row naming an `email` column (and optionally `name` and
 * `subscribed` / `subscribed_at` with a date), then one address per row. Every row gets a verdict.
 */
export function readSubscriberCsv(text: string): { rows: CsvRow[]; error: string | null } {
  const { records, error } = parseCsv(text);
  if (error) return { rows: [], error };
  const [header, ...body] = records;
  if (!header) return { rows: [], error: 'the file is empty' };
  const columns = header.fields.map((h) => HEADER_NAMES[h.trim().toLowerCase()] ?? null);
  const emailAt = columns.indexOf('email');
  if (emailAt < 0) return { rows: [], error: 'line 1: no "email" column in the header (expected e.g. email,name,subscribed_at)' };
  const nameAt = columns.indexOf('name');
  const dateAt = columns.indexOf('subscribed');
  const seen = new Map<string, number>();
  const rows = body.map((r): CsvRow => {
    if (r.fields.length > header.fields.length)
      return { ok: false, line: r.line, message: `${r.fields.length} fields, but the header has ${header.fields.length}` };
    const email = emailSchema.safeParse(r.fields[emailAt] ?? '');
    if (!email.success) return { ok: false, line: r.line, message: `"${(r.fields[emailAt] ?? '').slice(0, 80)}" is not an email address` };
    const address = normalizeEmail(email.data);
    const earlier = seen.get(address.toLowerCase());
    if (earlier) return { ok: false, line: r.line, message: `${address} is already on line ${earlier}` };
    seen.set(address.toLowerCase(), r.line);
    const name = (nameAt >= 0 ? (r.fields[nameAt] ?? '') : '').trim();
    if (name.length > 200) return { ok: false, line: r.line, message: 'the name is longer than 200 characters' };
    const rawDate = (dateAt >= 0 ? (r.fields[dateAt] ?? '') : '').trim();
    let subscribedAt: string | null = null;
    if (rawDate) {
      const d = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(rawDate)
        ? new Date(rawDate.length === 10 ? `${rawDate}T00:00:00Z` : rawDate.replace(' ', 'T'))
        : null;
      if (!d || Number.isNaN(d.getTime()))
        return { ok: false, line: r.line, message: `"${rawDate.slice(0, 40)}" is not a date (use 2026-11-27 or 2026-11-27T09:30:00Z)` };
      subscribedAt = d.toISOString();
    }
    return { ok: true, line: r.line, email: address, name, subscribedAt };
  });
  return { rows, error: null };
}

/** One CSV field, quoted when it must be. Cells starting with = + - @ are prefixed so spreadsheets do not run them. */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
