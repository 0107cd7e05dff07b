/**
 * The English words of the mail readers get from us: a newsletter's confirmation mail, and an issue's
 * web link and footer (newsletter-mail.ts). The issue's own subject and intro are the editors'. Part of `en` (en.ts).
 * `{link}` in an `.html` message is the link, made by the code around the words in `.link`.
 */
export const enMail = {
  'mail.confirm.subject': 'Confirm your subscription to {newsletter}',
  'mail.confirm.text':
    'Someone, probably you, asked to receive {newsletter} from {outlet} at this address.\n\nTo confirm, open this link:\n{link}\n\nIf it was not you, ignore this message: without the confirmation you will get nothing more, and the address is deleted in 7 days.',
  'mail.issue.web.link': 'Read this issue on the web',
  'mail.issue.web.text': 'Read this issue on the web: {url}',
  'mail.issue.why': 'You receive {newsletter} from {outlet} because you signed up for it.',
  'mail.issue.unsubscribe.link': 'Unsubscribe',
  'mail.issue.unsubscribe.html': '{link} in one click.',
  'mail.issue.unsubscribe.text': 'Unsubscribe in one click: {url}',
} as const;
