import type { enMail } from './en-mail.js';

/** Українські слова листів, які читачі отримують від нас: підтвердження підписки, посилання на випуск і його підвал. */
export const ukMail: Record<keyof typeof enMail, string> = {
  'mail.confirm.subject': 'Підтвердьте підписку на «{newsletter}»',
  'mail.confirm.text':
    'Хтось, імовірно ви, попросив надсилати «{newsletter}» від {outlet} на цю адресу.\n\nЩоб підтвердити, відкрийте це посилання:\n{link}\n\nЯкщо це були не ви, не зважайте на цей лист: без підтвердження ви більше нічого не отримаєте, а адресу буде видалено за 7 днів.',
  'mail.issue.web.link': 'Читати цей випуск на сайті',
  'mail.issue.web.text': 'Читати цей випуск на сайті: {url}',
  'mail.issue.why': 'Ви отримуєте «{newsletter}» від {outlet}, бо підписалися на цю розсилку.',
  'mail.issue.unsubscribe.link': 'Відписатися',
  'mail.issue.unsubscribe.html': '{link} можна одним кліком.',
  'mail.issue.unsubscribe.text': 'Відписатися можна одним кліком: {url}',
};
