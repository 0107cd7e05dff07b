// CI's dependency audit: `npm audit --omit=dev` judged against security/audit-allowlist.json.
// Fails on any high or critical advisory for a runtime dependency that the allowlist does not name (or
// names past its review date). When the audit service cannot be reached, it says so and passes: a network
// outage is not a defect in Masthead. Run: node bin/run-ts.mjs scripts/audit.ts
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface AllowEntry {
  /** GHSA id (as in https://github.com/advisories/GHSA-…) or npm's numeric advisory id. */
  id: string;
  package: string;
  /** Why it does not affect Masthead, in a sentence a reviewer can check. */
  reason: string;
  /** YYYY-MM-DD: look again by then; past it the entry no longer counts. */
  reviewBy: string;
}

export interface Finding {
  id: string;
  package: string;
  severity: string;
  title: string;
  url: string;
}

export type Verdict =
  | { outcome: 'pass'; blocking: []; allowed: Finding[]; stale: AllowEntry[] }
  | { outcome: 'fail'; blocking: Finding[]; allowed: Finding[]; stale: AllowEntry[] }
  | { outcome: 'unreachable'; reason: string }
  | { outcome: 'error'; reason: string };

const BLOCKING = new Set(['high', 'critical']);
// What npm prints when it never got an audit answer: DNS, refused or reset connections, timeouts,
// proxies, or a registry (mirror) that does not offer the audit endpoint.
const UNREACHABLE = /audit endpoint|advisories\/bulk|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ESOCKETTIMEDOUT|socket hang up|network|proxy/i;

interface AuditVia {
  source?: number;
  name?: string;
  title?: string;
  url?: string;
  severity?: string;
}

/** Decides from `npm audit --json` output. Pure: the caller runs npm and reads the allowlist. */
export function judge(auditOutput: string, allowlist: AllowEntry[], today: string): Verdict {
  let report: { vulnerabilities?: Record<string, { via: (AuditVia | string)[] }>; message?: string; error?: unknown; statusCode?: number };
  try {
    report = JSON.parse(auditOutput) as typeof report;
  } catch {
    return UNREACHABLE.test(auditOutput)
      ? { outcome: 'unreachable', reason: auditOutput.trim().slice(0, 300) }
      : { outcome: 'error', reason: `npm audit printed no JSON: ${auditOutput.trim().slice(0, 300)}` };
  }
  if (!report.vulnerabilities) {
    const message = report.message ?? JSON.stringify(report).slice(0, 300);
    if (report.statusCode !== undefined || UNREACHABLE.test(message)) return { outcome: 'unreachable', reason: message };
    return { outcome: 'error', reason: message };
  }
  const findings = new Map<string, Finding>();
  for (const [pkg, v] of Object.entries(report.vulnerabilities)) {
    for (const via of v.via) {
      if (typeof via === 'string' || !via.severity || !BLOCKING.has(via.severity)) continue;
      const id = /GHSA-[\w-]+/.exec(via.url ?? '')?.[0] ?? String(via.source ?? via.title);
      findings.set(`${id}:${via.name ?? pkg}`, { id, package: via.name ?? pkg, severity: via.severity, title: via.title ?? '', url: via.url ?? '' });
    }
  }
  const current = allowlist.filter((a) => a.reviewBy >= today);
  const isAllowed = (f: Finding) => current.some((a) => (a.id === f.id || a.id === f.url.split('/').pop()) && a.package === f.package);
  const all = [...findings.values()];
  const blocking = all.filter((f) => !isAllowed(f));
  const allowed = all.filter(isAllowed);
  const stale = allowlist.filter((a) => a.reviewBy < today || !all.some((f) => f.id === a.id));
  return blocking.length ? { outcome: 'fail', blocking, allowed, stale } : { outcome: 'pass', blocking: [], allowed, stale };
}

const allowlistSchemaProblems = (entries: unknown): string | null => {
  if (!Array.isArray(entries)) return 'advisories must be a list';
  for (const e of entries as Record<string, unknown>[]) {
    for (const k of ['id', 'package', 'reason', 'reviewBy']) if (typeof e[k] !== 'string' || !e[k]) return `every entry needs ${k} (${JSON.stringify(e)})`;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(e.reviewBy as string)) return `reviewBy must be YYYY-MM-DD (${JSON.stringify(e)})`;
  }
  return null;
};

function main(): number {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const listFile = path.join(root, 'security', 'audit-allowlist.json');
  const { advisories } = JSON.parse(fs.readFileSync(listFile, 'utf8')) as { advisories: AllowEntry[] };
  const problem = allowlistSchemaProblems(advisories);
  if (problem) {
    console.error(`[audit] ${path.relative(root, listFile)}: ${problem}`);
    return 1;
  }
  const npm = spawnSync('npm', ['audit', '--omit=dev', '--audit-level=high', '--json'], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  const verdict = judge(npm.stdout || npm.stderr || String(npm.error ?? ''), advisories, new Date().toISOString().slice(0, 10));
  switch (verdict.outcome) {
    case 'unreachable':
      console.log(
        `[audit] SKIPPED: the npm audit service could not be reached (${verdict.reason}). This is not a failure; ` +
          `run \`npm run audit\` again when the registry answers.`,
      );
      return 0;
    case 'error':
      console.error(`[audit] npm audit failed: ${verdict.reason}`);
      return 1;
    default:
      for (const f of verdict.allowed) console.log(`[audit] allowed: ${f.id} in ${f.package} (${f.severity}): ${f.title}`);
      for (const a of verdict.stale)
        console.log(`[audit] note: allowlist entry ${a.id} (${a.package}) is past its review date or no longer reported; remove or renew it.`);
      for (const f of verdict.blocking) console.error(`[audit] BLOCKING ${f.severity}: ${f.id} in ${f.package}: ${f.title} ${f.url}`);
      console.log(
        verdict.outcome === 'pass'
          ? '[audit] no unlisted high or critical advisories in runtime dependencies.'
          : `[audit] ${verdict.blocking.length} unlisted high/critical advisory(ies): fix, or list each in security/audit-allowlist.json with a reason.`,
      );
      return verdict.outcome === 'pass' ? 0 : 1;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exitCode = main();
