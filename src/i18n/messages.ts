import type { ReaderProblem } from './reader-problem.js';
import type { MessageKey, Translate } from './translator.js';

const MISSING: Record<string, MessageKey> = {
  article: 'error.missing.article',
  section: 'error.missing.section',
  tag: 'error.missing.tag',
  author: 'error.missing.author',
  page: 'error.missing.page',
};

/**
 * An error page's title and message in the reader's language. The HTTP shell names the status and,
 * for a 404, what was missing, or the problem as a catalog key; a 4xx's other messages are kept as written.
 */
export function translatedMessage(
  page: { status: number; title: string; message: string; what?: string; problem?: ReaderProblem },
  t: Translate,
): { title: string; message: string; kept: boolean } {
  if (page.problem && page.status < 500)
    return {
      title: page.status === 404 ? t('error.notFound.title') : t('error.client.title'),
      message: t(page.problem.code, page.problem.values),
      kept: false,
    };
  if (page.status === 404) {
    const key = page.what ? MISSING[page.what] : undefined;
    if (key) return { title: t('error.notFound.title'), message: t(key), kept: false };
    return page.what
      ? { title: t('error.notFound.title'), message: page.message, kept: true }
      : { title: t('error.notFound.title'), message: t('error.notFound.message'), kept: false };
  }
  if (page.status >= 500) return { title: t('error.server.title'), message: t('error.server.message'), kept: false };
  return { title: t('error.client.title'), message: page.message, kept: true };
}
