import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FastifyBaseLogger } from 'fastify';
import { deferredLog } from './deferred-log.js';

afterEach(() => vi.restoreAllMocks());

describe('the log used before the HTTP server exists', () => {
  it('writes lines at or above its level to stderr as JSON, then hands them to the attached logger', () => {
    const written: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    const log = deferredLog('warn');
    log.info({}, 'not at this level');
    log.error({ err: new Error('connect ECONNREFUSED 127.0.0.1:6390') }, 'redis unreachable');
    expect(written).toHaveLength(1);
    expect(JSON.parse(written[0]!)).toMatchObject({
      level: 50,
      msg: 'redis unreachable',
      err: { type: 'Error', message: 'connect ECONNREFUSED 127.0.0.1:6390' },
    });

    const seen: [string, object, string][] = [];
    const target = {
      info: (o: object, m: string) => seen.push(['info', o, m]),
      warn: (o: object, m: string) => seen.push(['warn', o, m]),
      error: (o: object, m: string) => seen.push(['error', o, m]),
    };
    log.attach(target as unknown as FastifyBaseLogger);
    log.info({ n: 1 }, 'after attach');
    expect(seen).toEqual([['info', { n: 1 }, 'after attach']]);
    expect(written).toHaveLength(1);
  });

  it('writes nothing when the level is silent', () => {
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    deferredLog('silent').error({}, 'quiet');
    expect(spy).not.toHaveBeenCalled();
  });
});
