const partsFormatters = new Map<string, Intl.DateTimeFormat>();

function wallClock(instant: number, timeZone: string): number {
  let f = partsFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partsFormatters.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(new Date(instant)).map((x) => [x.type, x.value]));
  return Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
}

/** "2026-12-01T09:30" as a clock on the wall in `timeZone`, to an ISO instant; null if malformed. */
export function zonedLocalToUtc(local: string, timeZone: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local.trim());
  if (!m) return null;
  const asUtc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
  if (Number.isNaN(asUtc)) return null;
  // The zone's offset at that moment, applied twice to settle across a DST change.
  let guess = asUtc - (wallClock(asUtc, timeZone) - asUtc);
  guess = asUtc - (wallClock(guess, timeZone) - guess);
  return new Date(guess).toISOString();
}

/** An ISO instant as "YYYY-MM-DDTHH:MM" on the wall clock of `timeZone` (for datetime-local inputs). */
export function utcToZonedLocal(iso: string, timeZone: string): string {
  return new Date(wallClock(Date.parse(iso), timeZone)).toISOString().slice(0, 16);
}

/** The instant a day ends in `timeZone`: the midnight after "YYYY-MM-DD" there; null if not a real date. */
export function endOfLocalDay(date: string, timeZone: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return null;
  const day = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  if (Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== date) return null;
  const next = new Date(day.getTime() + 86_400_000).toISOString().slice(0, 10);
  return zonedLocalToUtc(`${next}T00:00`, timeZone);
}

/** The last day (inclusive, "YYYY-MM-DD" in `timeZone`) before an exclusive end instant: the inverse of endOfLocalDay. */
export function lastLocalDay(exclusiveEnd: string, timeZone: string): string {
  return utcToZonedLocal(new Date(Date.parse(exclusiveEnd) - 1).toISOString(), timeZone).slice(0, 10);
}
