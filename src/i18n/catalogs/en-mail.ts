/**
 * The English words of the mail readers get from us: sign-in links, the welcome of a patron the newsroom
 * added by hand, the answer to a correction report, a newsletter's confirmation mail, and an issue's web link
 * and footer (newsletter-mail.ts). The issue's own subject and intro are the editors'. Part of `en` (en.ts).
 * `{link}` in an `.html` message is the link, made by the code around the words in `.link`.
 */
export const enMail = {
  'mail.signIn.subject': 'Your sign-in link for {outlet}',
  'mail.signIn.intro': 'Here is your link to sign in to {outlet}:',
  'mail.signIn.ignore': 'If you did not ask for it, you can ignore this message.',
  'mail.signIn.new.subject': 'Confirm your email for {outlet}',
  'mail.signIn.new.intro': 'Someone (we hope you) asked to create a reader account at {outlet} with this address. To confirm it and sign in, open:',
  'mail.signIn.new.ignore': 'If it was not you, ignore this message: no account is made until the link is used.',
  'mail.signIn.once': 'The link works once, for {minutes} minutes.',
  'mail.patron.subject': 'You are a patron of {outlet}',
  'mail.patron.thanks': 'Thank you. {outlet} has set up your patronage{details}.',
  'mail.patron.tier': ' ({tier})',
  'mail.patron.until': ', until the end of {until}',
  'mail.patron.what':
    'As a patron you can propose the topics our newsroom should cover next, and vote on what other patrons proposed. ' +
    'Sign in with this address (no password; we email you a link):',
  'mail.patron.mistake': 'If this is a mistake, reply to this message and we will sort it out.',
  'mail.report.subject': 'Your report to {outlet}',
  'mail.report.accepted': 'Thank you for your report about “{headline}”. Our editors agreed and have fixed it.',
  'mail.report.rejected': 'Thank you for your report about “{headline}”. Our editors checked the passage and decided to leave it as it is.',
  'mail.report.ourArticle': 'our article',
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
