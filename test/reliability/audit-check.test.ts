import { describe, expect, it } from 'vitest';
import { judge, type AllowEntry } from '../../scripts/audit.js';

// npm audit --json output, shaped as npm 11 prints it.
const report = (vulns: Record<string, { severity: string; via: unknown[] }>) => JSON.stringify({ auditReportVersion: 2, vulnerabilities: vulns, metadata: {} });
const advisory = (name: string, severity: string, ghsa: string) => ({
  source: 1100000,
  name,
  dependency: name,
  title: `${name} does a bad thing`,
  url: `https://github.com/advisories/${ghsa}`,
  severity,
  range: '<2.0.0',
});
const entry = (id: string, pkg: string, reviewBy = '2027-06-30'): AllowEntry => ({ id, package: pkg, reason: 'we never call the affected function', reviewBy });
const today = '2026-12-01';

describe('dependency audit verdict', () => {
  it('passes a clean report and ignores moderate and low advisories', () => {
    expect(judge(report({}), [], today).outcome).toBe('pass');
    expect(judge(report({ 'left-pad': { severity: 'moderate', via: [advisory('left-pad', 'moderate', 'GHSA-aaaa-bbbb-cccc')] } }), [], today).outcome).toBe(
      'pass',
    );
  });

  it('fails on a high or critical advisory that the allowlist does not name', () => {
    const out = report({
      qs: { severity: 'high', via: [advisory('qs', 'high', 'GHSA-hhhh-1111-2222')] },
      express: { severity: 'high', via: ['qs'] },
      tar: { severity: 'critical', via: [advisory('tar', 'critical', 'GHSA-cccc-3333-4444')] },
    });
    const verdict = judge(out, [entry('GHSA-cccc-3333-4444', 'tar')], today);
    expect(verdict.outcome).toBe('fail');
    if (verdict.outcome !== 'fail') return;
    expect(verdict.blocking.map((f) => `${f.id} ${f.package}`)).toEqual(['GHSA-hhhh-1111-2222 qs']);
    expect(verdict.allowed.map((f) => f.id)).toEqual(['GHSA-cccc-3333-4444']);
  });

  it('passes when every blocking advisory is listed, and stops honouring an entry past its review date', () => {
    const out = report({ tar: { severity: 'high', via: [advisory('tar', 'high', 'GHSA-cccc-3333-4444')] } });
    expect(judge(out, [entry('GHSA-cccc-3333-4444', 'tar')], today).outcome).toBe('pass');
    expect(judge(out, [entry('GHSA-cccc-3333-4444', 'tar', '2026-11-30')], today).outcome).toBe('fail');
    expect(judge(out, [entry('GHSA-cccc-3333-4444', 'other-package')], today).outcome).toBe('fail');
  });

  it('reports an unreachable audit service as unreachable, not as a pass or a failure', () => {
    const refused = JSON.stringify({
      message: 'request to http://127.0.0.1:9/-/npm/v1/security/advisories/bulk failed, reason: connect ECONNREFUSED 127.0.0.1:9',
      error: { summary: '', detail: '' },
    });
    const mirror = JSON.stringify({
      message: '405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk',
      statusCode: 405,
      error: {},
    });
    expect(judge(refused, [], today).outcome).toBe('unreachable');
    expect(judge(mirror, [], today).outcome).toBe('unreachable');
    expect(judge('npm error getaddrinfo EAI_AGAIN registry.npmjs.org', [], today).outcome).toBe('unreachable');
  });

  it('treats other npm errors (no lockfile) as errors', () => {
    const noLock = JSON.stringify({
      error: { code: 'ENOLOCK', summary: 'This command requires an existing lockfile.' },
      message: 'This command requires an existing lockfile.',
    });
    expect(judge(noLock, [], today).outcome).toBe('error');
  });
});
