import { z } from 'zod';

/** The largest row id any table holds: PostgreSQL's INTEGER (SQLite's ids stay far below it). */
export const MAX_ID = 2_147_483_647;

/** A row id as typed in a URL or form: plain digits, 1 to MAX_ID; null for anything else ('1e3', '0x10', '99999999999999999999'). */
export function parseId(value: string): number | null {
  if (!/^[1-9][0-9]{0,9}$/.test(value)) return null;
  const id = Number(value);
  return id <= MAX_ID ? id : null;
}

/**
 * A row id in a route's params. Out of range or not a number answers 400 naming the parameter, never
 * a database error: PostgreSQL refuses a value past INTEGER, and coercion read `1e3` as 1000.
 */
export const idSchema = (what = 'id') =>
  z.string().transform((v, ctx) => parseId(v) ?? (ctx.addIssue({ code: 'custom', message: `${what} must be a whole number from 1 to ${MAX_ID}` }), z.NEVER));

/** `{ id }` from a route's params. */
export const idParams = z.object({ id: idSchema() });
