/** One dependency's state, as /readyz reports it. */
export interface CheckResult {
  ok: boolean;
  /** What an operator reads: "reachable", or what failed. */
  detail: string;
}

export interface Readiness {
  ok: boolean;
  checks: Record<string, CheckResult>;
}

/** A check resolves with a short detail when the dependency answers, and throws (or rejects) when it does not. */
export type Check = () => Promise<string | void>;

/** How long a dependency may take to answer before /readyz calls it down. */
const CHECK_TIMEOUT_MS = 2000;

/**
 * What this process needs to serve: the database always; Redis, S3 and the job queue when configured.
 * Parts register a check here (the jobs queue and media storage add theirs); /readyz runs them all.
 */
export class HealthChecks {
  private readonly checks = new Map<string, Check>();
  private draining = false;

  /** Adds a check; a second one under the same name is a wiring mistake. */
  register(name: string, check: Check): void {
    if (this.checks.has(name)) throw new Error(`health check "${name}" is registered twice`);
    this.checks.set(name, check);
  }

  /** From now on the process is shutting down: not ready, so a balancer that asks sends no new requests. */
  drain(): void {
    this.draining = true;
  }

  async run(): Promise<Readiness> {
    const names = [...this.checks.keys()];
    const results = await Promise.all(names.map((name) => runOne(this.checks.get(name)!)));
    const checks: Record<string, CheckResult> = Object.fromEntries(names.map((n, i) => [n, results[i]!]));
    if (this.draining) checks.process = { ok: false, detail: 'shutting down' };
    return { ok: Object.values(checks).every((c) => c.ok), checks };
  }
}

async function runOne(check: Check): Promise<CheckResult> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS / 1000} s`)), CHECK_TIMEOUT_MS);
  });
  try {
    const detail = await Promise.race([check(), timeout]);
    return { ok: true, detail: detail || 'reachable' };
  } catch (err) {
    return { ok: false, detail: err instanceof Error ? err.message : String(err) };
  } finally {
    clearTimeout(timer);
  }
}
