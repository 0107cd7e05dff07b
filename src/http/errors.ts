import type { ReaderProblem } from '../i18n/reader-problem.js';

/** An error a route may throw to answer with a 4xx and a message a reader can act on. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    /** For a 404: what was missing ('article', 'section'…), so the page can say it in the reader's language. */
    readonly what?: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }

  /** The problem as a reader-catalog message, for the error page in the reader's language (`message` stays for JSON and logs). */
  problem?: ReaderProblem;
}

/** A 4xx whose page words the problem from the reader's catalog. */
export function readerError(status: number, message: string, problem: ReaderProblem): HttpError {
  const err = new HttpError(status, message);
  err.problem = problem;
  return err;
}

export const notFound = (what = 'page') => new HttpError(404, `We could not find that ${what}.`, what);
