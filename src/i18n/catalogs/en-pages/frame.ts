/**
 * The partials any reader page may carry: the newsletter signup box, ads and the note to ad blockers, funder credits and funding labels, the consent
 * banner for outside scripts.
 */
export const enFrame = {
  'frame.newsletter.one': 'Get {name} by email',
  'frame.newsletter.many': 'Get our newsletters by email',
  'frame.newsletter.which': 'Newsletter',
  'frame.newsletter.email': 'Your email address',
  'frame.newsletter.submit': 'Sign up',
  'frame.newsletter.note': 'We send a link to confirm. No tracking; leave with one click.',
  'frame.honeypot': 'Leave empty',
  'frame.ad.label': 'Advertisement',
  'frame.ad.from': 'From {advertiser}',
  'frame.adblock.heading': 'Your browser is hiding our ads',
  'frame.adblock.text':
    'The ads on this site are sold by our own staff to local businesses and events. They carry no trackers, set no cookies and follow you nowhere, and they pay for a real share of our reporting. Please consider letting them through here. Or skip them altogether: patrons never see ads.',
  'frame.adblock.action': 'Become a patron',
  'frame.adblock.dismiss': 'Not now',
  'funder.credit': 'The work of {outlet} is supported by {funder}.',
  'funding.sponsored.label': 'Sponsored content',
  'funding.sponsored.by': 'Sponsored by',
  'funding.sponsored.default': 'This story was paid for by the sponsor named here. It is not the work of our newsroom.',
  'funding.underwritten.label': 'Funding',
  'funding.underwritten.by': 'This reporting was supported by',
  'funding.underwritten.default': 'Our funders have no say in what we report or how.',
  'consent.label': 'Outside scripts',
  'consent.text':
    'With your permission, our pages would also load {count, plural, one {a script} other {# scripts}} from {hosts}{purpose, select, analytics { to measure our audience} embed { to show embedded media} both { to measure our audience and to show embedded media} other {}}. Those companies may set their own cookies. Nothing loads unless you allow it.',
  'consent.details': 'Details, and how to change your mind',
  'consent.allow': 'Allow',
  'consent.refuse': 'Refuse',
} as const;
