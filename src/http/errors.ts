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
}

export const notFound = (what = 'page') => new HttpError(404, `We could not find that ${what}.`, what);
