// Sees every SQL statement the app prepares, and optionally times each execution, by wrapping
// better-sqlite3's Database#prepare in this process. Bench-only instrumentation: src/ is untouched.
import SQLite from 'better-sqlite3';

export interface QueryStats {
  /** The SQL with IN (?, ?, …) lists folded, so one query shape is one row. */
  shape: string;
  /** One real SQL text of this shape, for EXPLAIN. */
  sample: string;
  /** Milliseconds per execution while profiling, by the page (label) that ran it. */
  timesByPage: Map<string, number[]>;
}

type Prepare = (this: SQLite.Database, source: string) => SQLite.Statement;
type Exec = (...params: unknown[]) => unknown;

/** Folds `(?)`, `(?, ?, ?)` to `(?…)`: the statement cache sees one text per list length, we want one row per query. */
export function queryShape(sql: string): string {
  return sql.replace(/\(\?(?:, \?)*\)/g, '(?…)');
}

/**
 * Installs the wrapper; `stop()` removes it. Statements the app already prepared keep their wrappers,
 * which cost one flag check per call once profiling is off.
 */
export function profileSql() {
  const proto = SQLite.prototype as unknown as { prepare: Prepare };
  const original = proto.prepare;
  const byShape = new Map<string, QueryStats>();
  let label: string | null = null;

  proto.prepare = function (this: SQLite.Database, source: string): SQLite.Statement {
    const stmt = original.call(this, source);
    const shape = queryShape(source);
    if (!byShape.has(shape)) byShape.set(shape, { shape, sample: source, timesByPage: new Map() });
    const stats = byShape.get(shape)!;
    const target = stmt as unknown as Record<'all' | 'get' | 'run' | 'iterate', Exec>;
    for (const method of ['all', 'get', 'run', 'iterate'] as const) {
      const inner = target[method];
      target[method] = function (this: unknown, ...params: unknown[]) {
        if (label === null) return inner.apply(this, params);
        const page = label;
        const started = performance.now();
        try {
          return inner.apply(this, params);
        } finally {
          const times = stats.timesByPage.get(page) ?? [];
          times.push(performance.now() - started);
          stats.timesByPage.set(page, times);
        }
      };
    }
    return stmt;
  };

  return {
    /** Attribute and time executions to `page` until called again with null. */
    record(page: string | null) {
      label = page;
    },
    queries: (): QueryStats[] => [...byShape.values()],
    stop() {
      label = null;
      proto.prepare = original;
    },
  };
}

export type SqlProfiler = ReturnType<typeof profileSql>;
