import { enFrame } from './en-pages/frame.js';
import { enSearch } from './en-pages/search.js';
import { enTopics } from './en-pages/topics.js';
import { enSupport } from './en-pages/support.js';
import { enAccount } from './en-pages/account.js';
import { enCorrections } from './en-pages/corrections.js';
import { enReprint } from './en-pages/reprint.js';
import { enPrivacy } from './en-pages/privacy.js';
import { enNewsletters } from './en-pages/newsletters.js';
import { enProblems } from './en-pages/problems.js';

/**
 * The English text of the reader pages past the frame and the story: search, support, topics, the
 * account, the corrections log, the policy pages and the partials they share. Part of `en` (en.ts).
 * Each area's words are in en-pages/<area>.ts, spread in below; uk-pages/ has the same files with the same keys.
 */
export const enPages = {
  ...enFrame,
  ...enSearch,
  ...enTopics,
  ...enSupport,
  ...enAccount,
  ...enCorrections,
  ...enReprint,
  ...enPrivacy,
  ...enNewsletters,
  ...enProblems,
} as const;
