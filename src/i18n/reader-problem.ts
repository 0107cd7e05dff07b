import type { MessageKey, MessageValues } from './translator.js';

/**
 * A problem a reader's form or request ran into, as a reader-catalog key and its values. Services return it
 * (beside their English `message`, which the JSON API and the logs keep); the page words it in its language.
 */
export interface ReaderProblem {
  code: MessageKey;
  values?: MessageValues;
}

/** The kinds of zod issue a reader form meets, each as a catalog message (the form shows it next to its field). */
export function issueProblem(issue: { code: string; format?: string; maximum?: unknown; minimum?: unknown; input?: unknown }): ReaderProblem {
  if (issue.code === 'too_big' && typeof issue.maximum === 'number') return { code: 'problem.tooLong', values: { max: issue.maximum } };
  if (issue.code === 'too_small' && issue.minimum === 1 && typeof issue.input === 'string') return { code: 'problem.required' };
  if (issue.code === 'too_small' && typeof issue.minimum === 'number') return { code: 'problem.tooShort', values: { min: issue.minimum } };
  if (issue.code === 'invalid_format' && issue.format === 'email') return { code: 'problem.email' };
  return { code: 'problem.invalid' };
}

/** Whole minutes to wait, at least one, from a Retry-After in seconds. */
export const minutesToWait = (seconds: number | string) => Math.max(1, Math.ceil(Number(seconds) / 60));
