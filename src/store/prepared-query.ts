import type { CompiledQuery, Compilable } from 'kysely';
import type { Db } from './db.js';

/** What a prepared query may take: scalar values, and lists (an `IN (…)`), one SQL shape per list length. */
export type PreparedArg = string | number | null | readonly (string | number)[];

export interface PreparedQuery<A extends PreparedArg[], R> {
  /** Every row, as the built query's `execute()` would return them. */
  rows(...args: A): Promise<R[]>;
  /** The first row, or undefined (`executeTakeFirst()`). */
  first(...args: A): Promise<R | undefined>;
}

/** Stands in for argument `arg` (item `item` of a list; -1 for a scalar) while the query compiles. */
class Slot {
  constructor(
    readonly arg: number,
    readonly item: number,
  ) {}
}

interface Shape<R> {
  compiled: CompiledQuery<R>;
  /** Per compiled parameter: where its value comes from, or null for a constant written into the query. */
  sources: ({ arg: number; item: number } | null)[];
}

/** Shapes kept per query: list lengths vary, so the cache is bounded; past it a query is built as before. */
const MAX_SHAPES = 32;

/**
 * A read on the hot path whose SQL never changes, only its values: built and compiled by Kysely once
 * (per list length), then run with each call's values as parameters. Kysely otherwise builds and
 * compiles the query on every call, which on SQLite costs more than running a small indexed query.
 *
 * `build` must only pass its arguments on as values (`where(col, '=', arg)`, `where(col, 'in', list)`):
 * it is called once with stand-ins, so an argument that changes the SQL itself (a column name, an
 * `if` on its value) would be frozen at its first value. Compiling checks that every argument ended up
 * a parameter, and throws otherwise. Runs on `db`, so a store bound to a transaction prepares its own.
 */
export function prepareQuery<A extends PreparedArg[], R>(db: Db, build: (...args: A) => Compilable<R>): PreparedQuery<A, R> {
  const shapes = new Map<string, Shape<R>>();
  const shapeKey = (args: A) => args.map((a) => (Array.isArray(a) ? a.length : '-')).join(',');

  const compile = (args: A): Shape<R> => {
    const standIns = args.map((a, i) => (Array.isArray(a) ? a.map((_, j) => new Slot(i, j)) : new Slot(i, -1))) as unknown as A;
    const compiled = build(...standIns).compile();
    const sources = compiled.parameters.map((p) => (p instanceof Slot ? { arg: p.arg, item: p.item } : null));
    const found = new Set(sources.flatMap((s) => (s ? [`${s.arg}:${s.item}`] : [])));
    args.forEach((a, i) => {
      const wanted = Array.isArray(a) ? a.map((_, j) => `${i}:${j}`) : [`${i}:-1`];
      if (wanted.some((w) => !found.has(w))) throw new Error(`prepareQuery: argument ${i} is not bound as a parameter in: ${compiled.sql}`);
    });
    return { compiled, sources };
  };

  const bind = (args: A): CompiledQuery<R> | Compilable<R> => {
    const key = shapeKey(args);
    let shape = shapes.get(key);
    if (!shape) {
      if (shapes.size >= MAX_SHAPES) return build(...args);
      shape = compile(args);
      shapes.set(key, shape);
    }
    const { compiled, sources } = shape;
    const parameters = sources.map((s, k) => {
      if (!s) return compiled.parameters[k];
      const a = args[s.arg];
      return s.item === -1 ? a : (a as readonly unknown[])[s.item];
    });
    return { ...compiled, parameters };
  };

  return {
    rows: async (...args) => (await db.executeQuery(bind(args))).rows,
    first: async (...args) => (await db.executeQuery(bind(args))).rows[0],
  };
}
