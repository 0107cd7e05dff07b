/** The reprint policy, and the republish form that asks for permission to reprint more. */
export const enReprint = {
  'reprint.title': 'Reprint policy',
  'reprint.description': 'What anyone may reuse from {outlet}, and how to ask for more.',
  'reprint.quoting': 'Quoting',
  'reprint.quoting.text':
    'You may quote up to {chars, plural, one {# character} other {# characters}} of any story, as long as you link to the story itself with an active hyperlink. That is enough for a paragraph or two; it is not enough to reproduce a story, and it must not be stitched together from several quotes.',
  'reprint.republishing': 'Republishing',
  'reprint.republishing.text': 'Anything longer needs our written permission.',
  'reprint.ask': 'Ask for permission',
  'reprint.orWrite': 'or write to {contact}',
  'reprint.partners': 'Partners we grant permission to get the full text of the stories the grant covers, with the byline and a link back to us.',
  'reprint.machines': 'Machines',
  'reprint.machines.text': 'Our feeds and our Content API carry excerpts within the same limit.',
  'reprint.tdm.reserved':
    'We reserve our rights to text and data mining (including for training AI models) under the TDM Reservation Protocol; see /.well-known/tdmrep.json.',
  'reprint.tdm.open': 'We do not reserve text and data mining rights beyond this policy.',

  'republish.title': 'Republishing our journalism',
  'republish.quote':
    'Quoting us is fine without asking: you may use up to {chars, plural, one {# character} other {# characters}} of any article, as long as you link to the article on our site so readers can find the whole of it.',
  'republish.longer':
    'Anything longer, whether a whole article or long passages from it, needs our written permission before it appears. Tell us below who you are, what you would like to reprint and where it will run. An editor reads every request and answers by email.',
  'republish.longerFrom':
    'Anything longer, whether a whole article or long passages from it, needs our written permission before it appears. Tell us below who you are, what you would like to reprint and where it will run. An editor reads every request and answers by email from {contact}.',
  'republish.partner':
    'If we say yes, you get a partner key. With it your site can fetch the agreed articles ready to paste, with the headline, the byline and a line saying where the story first appeared. We ask that you keep those three as they are, link back to the original, and not change what the reporting says. Permission can be for a single story, a section or everything we publish, and it can end on a date.',
  'republish.policy': 'Read our reprint policy in full',
  'republish.ask': 'Ask for permission',
  'republish.check': 'Please check the form: one of the answers needs fixing.',
  'republish.organisation': 'Organisation',
  'republish.name': 'Your name',
  'republish.email': 'Your email',
  'republish.website': 'Your website (optional)',
  'republish.website.hint': 'Where the articles would appear, starting with https://',
  'republish.articles': 'Which articles?',
  'republish.articles.hint': 'Paste links or headlines, one a line, or write “all”.',
  'republish.purpose': 'How will you use them?',
  'republish.purpose.hint': 'Where they will run, for whom, in print or online, for how long.',
  'republish.fullText': 'We want to reprint the full text',
  'republish.honeypot': 'Leave this empty',
  'republish.send': 'Send the request',
  'republish.thanks.title': 'Thank you',
  'republish.thanks.text':
    'We have your request. An editor will read it and reply by email. Until you hear from us, please quote no more than the short excerpt anyone may use, with a link.',
  'republish.thanks.back': 'Back to the front page',
} as const;
