import v8 from 'node:v8';
import vm from 'node:vm';

let gc: (() => void) | null | undefined;

/** How much garbage the heap may gather over what survived the last collection. */
const GARBAGE_BUDGET = 64 * 1024 * 1024;
let liveAfterLast = 0;

/**
 * A full garbage collection between an import's batches, when the heap holds more than 64 MiB
 * over what survived the last one. V8 sizes its heap for throughput and collects late, so a 100,000-post import would
 * otherwise carry several hundred MiB of garbage; a full collection costs a few hundred ms, so it
 * runs only when needed, not after every batch. Exposing `gc` after start is allowed by V8 for this
 * flag; where it is refused, this does nothing.
 */
export function collectGarbage(): void {
  if (process.memoryUsage().heapUsed < liveAfterLast + GARBAGE_BUDGET) return;
  if (gc === undefined) {
    const exposed = (globalThis as { gc?: () => void }).gc;
    if (exposed) gc = exposed;
    else {
      try {
        v8.setFlagsFromString('--expose-gc');
        gc = vm.runInNewContext('gc') as () => void;
      } catch {
        gc = null;
      }
    }
  }
  if (!gc) return;
  gc();
  liveAfterLast = process.memoryUsage().heapUsed;
}
