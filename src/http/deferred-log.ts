import type { FastifyBaseLogger } from 'fastify';

type Level = 'info' | 'warn' | 'error';
const RANK: Record<string, number> = { debug: 20, info: 30, warn: 40, error: 50, fatal: 60, silent: Infinity };

export interface DeferredLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
  /** From now on, lines go to the HTTP server's logger. */
  attach(target: FastifyBaseLogger): void;
}

/**
 * A logger for the parts wired before the HTTP server exists (Redis connections report errors
 * from the first tick). Until `attach`, lines at or above `level` go to stderr as JSON, like pino's.
 */
export function deferredLog(level: string): DeferredLog {
  let target: FastifyBaseLogger | null = null;
  const write = (lvl: Level) => (obj: object, msg: string) => {
    if (target) return target[lvl](obj, msg);
    if (RANK[lvl]! < (RANK[level] ?? RANK.info!)) return;
    const err = (obj as { err?: unknown }).err;
    const detail = err instanceof Error ? { ...obj, err: { type: err.name, message: err.message } } : obj;
    process.stderr.write(`${JSON.stringify({ level: RANK[lvl], time: Date.now(), ...detail, msg })}\n`);
  };
  return {
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    attach(t) {
      target = t;
    },
  };
}
