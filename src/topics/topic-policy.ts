import { memberCsrfMatches, type MemberContext } from '../membership/member-context.js';
import type { ReaderProblem } from '../i18n/reader-problem.js';

/** A refusal says it in English (the JSON API's words) and as a reader-catalog problem (the pages'). */
export type MemberGate = { ok: true; memberId: number } | { ok: false; status: 401 | 403; message: string; problem: ReaderProblem };

/**
 * Who may propose, vote and withdraw: a signed-in member (else 401) whose form token matches (else
 * 403) and who is a patron now (else 403). The service checks patron status again on its own.
 */
export function gateMember(ctx: MemberContext | null, submittedCsrf: unknown, action: string): MemberGate {
  if (!ctx)
    return {
      ok: false,
      status: 401,
      message: `Sign in to ${action}: only patrons can, and we need to know who you are.`,
      problem: { code: 'problem.topics.signIn' },
    };
  if (!memberCsrfMatches(ctx, submittedCsrf))
    return {
      ok: false,
      status: 403,
      message: 'This form has expired or did not come from this site. Reload the page and try again.',
      problem: { code: 'problem.formExpired' },
    };
  if (!ctx.patron)
    return {
      ok: false,
      status: 403,
      message: `Only current patrons can ${action}. Become a patron at /support to take part.`,
      problem: { code: 'problem.topics.patronsOnly' },
    };
  return { ok: true, memberId: ctx.member.id };
}
