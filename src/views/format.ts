const formatters = new Map<string, Intl.DateTimeFormat>();

/** "27 November 2026", in the outlet's time zone. Formatters are built once per zone and language. */
export function formatDate(iso: string, opts: { timeZone: string; language: string }): string {
  const key = `${opts.language}|${opts.timeZone}`;
  let f = formatters.get(key);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat(opts.language, { day: 'numeric', month: 'long', year: 'numeric', timeZone: opts.timeZone });
    } catch {
      f = new Intl.DateTimeFormat('en', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
    }
    formatters.set(key, f);
  }
  return f.format(new Date(iso));
}

/** "Ana Ruiz", "Ana Ruiz and Ben Ode", "Ana Ruiz, Ben Ode and Cy Li". */
export function joinNames(names: string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
