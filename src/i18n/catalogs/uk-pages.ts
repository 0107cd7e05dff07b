import { ukFrame } from './uk-pages/frame.js';
import { ukSearch } from './uk-pages/search.js';
import { ukTopics } from './uk-pages/topics.js';
import { ukSupport } from './uk-pages/support.js';
import { ukAccount } from './uk-pages/account.js';
import { ukCorrections } from './uk-pages/corrections.js';
import { ukReprint } from './uk-pages/reprint.js';
import { ukPrivacy } from './uk-pages/privacy.js';
import { ukNewsletters } from './uk-pages/newsletters.js';
import { ukProblems } from './uk-pages/problems.js';
import type { enPages } from './en-pages.js';

/**
 * Українські тексти сторінок поза рамкою й матеріалом: пошук, підтримка, теми, профіль, виправлення, правила.
 * Тексти кожного розділу в uk-pages/<розділ>.ts, з тими самими ключами, що й en-pages/<розділ>.ts.
 */
export const ukPages: Record<keyof typeof enPages, string> = {
  ...ukFrame,
  ...ukSearch,
  ...ukTopics,
  ...ukSupport,
  ...ukAccount,
  ...ukCorrections,
  ...ukReprint,
  ...ukPrivacy,
  ...ukNewsletters,
  ...ukProblems,
};
