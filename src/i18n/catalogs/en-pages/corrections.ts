/** The corrections log, and the form to suggest a correction or clarification. */
export const enCorrections = {
  'corrections.title': 'Corrections and clarifications',
  'corrections.description': 'Every correction and clarification {outlet} has published.',
  'corrections.intro':
    'When we get something wrong, we fix it and say so here. A correction fixes an error of fact; a clarification adds context or makes a passage clearer. To report an error, select the words in the story and press Ctrl+Enter, or use the link at the end of every story.',
  'corrections.introWrite':
    'When we get something wrong, we fix it and say so here. A correction fixes an error of fact; a clarification adds context or makes a passage clearer. To report an error, select the words in the story and press Ctrl+Enter, use the link at the end of every story, or write to {contact}.',
  'corrections.feed': 'Follow this log by RSS',
  'corrections.empty': 'No corrections yet.',
  'corrections.form.title': 'Suggest a correction or clarification',
  'corrections.form.about': 'About:',
  'corrections.form.sent': 'Thank you. An editor will look at your report.',
  'corrections.form.back': 'Back to the story',
  'corrections.form.quote': 'The passage (copy the words from the story)',
} as const;
