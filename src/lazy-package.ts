import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * A CommonJS package loaded on first use rather than when the process starts: for heavy packages that
 * only some requests or commands need (mail, image processing, payments, imports, PostgreSQL, Redis), so
 * `serve` answers its first page without compiling them. Synchronous, so call sites stay as they were.
 */
export function lazyPackage<T>(name: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= require(name) as T);
}
