const formatters = new Map<string, Intl.DateTimeFormat>();

const DATE: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'long', year: 'numeric' };
const DATE_TIME: Intl.DateTimeFormatOptions = { ...DATE, hour: 'numeric', minute: '2-digit', timeZoneName: 'short' };

/** Builds each formatter once per language, zone and style: Intl construction is slow on a hot path. */
function formatter(kind: 'date' | 'datetime', opts: { timeZone: string; language: string }): Intl.DateTimeFormat {
  const key = `${kind}|${opts.language}|${opts.timeZone}`;
  let f = formatters.get(key);
  if (!f) {
    const style = kind === 'date' ? DATE : DATE_TIME;
    try {
      f = new Intl.DateTimeFormat(opts.language, { ...style, timeZone: opts.timeZone });
    } catch {
      f = new Intl.DateTimeFormat('en', { ...style, timeZone: 'UTC' });
    }
    formatters.set(key, f);
  }
  return f;
}

/** A date in the outlet's language and time zone: "November 27, 2026" for en. */
export function formatDate(iso: string, opts: { timeZone: string; language: string }): string {
  return formatter('date', opts).format(new Date(iso));
}

/** Date and time, for a story's own page: "November 27, 2026 at 9:30 AM UTC" for en. */
export function formatDateTime(iso: string, opts: { timeZone: string; language: string }): string {
  return formatter('datetime', opts).format(new Date(iso));
}
