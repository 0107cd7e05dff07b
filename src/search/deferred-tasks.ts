/**
 * Work to do after a response, off the request's path. There is no job queue yet (a separate issue
 * builds one); this tiny interface is what it will replace: `defer` becomes "enqueue".
 */
export interface BackgroundTasks {
  /** Runs `task` soon, after the caller's transaction has committed. Failures are reported, never thrown. */
  defer(name: string, task: () => Promise<void>): void;
  /** Resolves when every deferred task so far has finished (tests, and shutdown). */
  idle(): Promise<void>;
}

/** In-process, one task at a time, in order. Lost if the process stops first (the next edit recomputes). */
export class InProcessTasks implements BackgroundTasks {
  private tail: Promise<void> = Promise.resolve();

  constructor(private readonly onError: (name: string, err: unknown) => void) {}

  defer(name: string, task: () => Promise<void>): void {
    this.tail = this.tail.then(
      () => new Promise<void>((resolve) => setImmediate(resolve)).then(task).catch((err: unknown) => this.onError(name, err)),
    );
  }

  idle(): Promise<void> {
    return this.tail;
  }
}
