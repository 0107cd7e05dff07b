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

/** A moment for a `<time datetime title>`: relative text where it helps, the absolute time in the outlet's zone as its title. */
export interface MomentView {
  iso: string;
  text: string;
  title: string;
}

const relativeFormatters = new Map<string, Intl.RelativeTimeFormat>();

/**
 * "3 min ago", "5 h ago", "in 2 days" for times within a week of `now`; the date and time in the
 * outlet's zone beyond that, where a relative time says less than the date.
 */
export function formatMoment(iso: string, now: Date, opts: { timeZone: string; language: string }): MomentView {
  const absolute = formatDateTime(iso, opts);
  const seconds = (Date.parse(iso) - now.getTime()) / 1000;
  const abs = Math.abs(seconds);
  let rtf = relativeFormatters.get(opts.language);
  if (!rtf) {
    try {
      rtf = new Intl.RelativeTimeFormat(opts.language, { numeric: 'auto', style: 'short' });
    } catch {
      rtf = new Intl.RelativeTimeFormat('en', { numeric: 'auto', style: 'short' });
    }
    relativeFormatters.set(opts.language, rtf);
  }
  const text =
    abs < 60
      ? rtf.format(0, 'second')
      : abs < 3600
        ? rtf.format(Math.round(seconds / 60), 'minute')
        : abs < 86_400
          ? rtf.format(Math.round(seconds / 3600), 'hour')
          : abs < 7 * 86_400
            ? rtf.format(Math.round(seconds / 86_400), 'day')
            : absolute;
  return { iso, text, title: absolute };
}
