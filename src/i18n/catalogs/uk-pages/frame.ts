import type { enFrame } from '../en-pages/frame.js';

/**
 * Частини, які може мати будь-яка сторінка для читачів: підписка на розсилку, реклама й звернення до тих, хто її блокує, подяки донорам і позначки
 * фінансування, згода на сторонні скрипти.
 */
export const ukFrame: Record<keyof typeof enFrame, string> = {
  'frame.newsletter.one': 'Отримуйте «{name}» поштою',
  'frame.newsletter.many': 'Отримуйте наші розсилки поштою',
  'frame.newsletter.which': 'Розсилка',
  'frame.newsletter.email': 'Ваша електронна адреса',
  'frame.newsletter.submit': 'Підписатися',
  'frame.newsletter.note': 'Ми надішлемо посилання для підтвердження. Жодного стеження; відписатися можна одним кліком.',
  'frame.honeypot': 'Залиште порожнім',
  'frame.ad.label': 'Реклама',
  'frame.ad.from': 'Від: {advertiser}',
  'frame.adblock.heading': 'Ваш браузер ховає нашу рекламу',
  'frame.adblock.text':
    'Рекламу на цьому сайті продають наші власні працівники місцевим підприємствам і організаторам подій. Вона не стежить за вами, не ставить файлів cookie й не ходить за вами іншими сайтами, а оплачує чималу частину нашої роботи. Будь ласка, дозвольте її тут. Або обходьтеся без неї зовсім: патрони реклами не бачать.',
  'frame.adblock.action': 'Стати патроном',
  'frame.adblock.dismiss': 'Не зараз',
  'funder.credit': 'Роботу {outlet} підтримує {funder}.',
  'funding.sponsored.label': 'Спонсорський матеріал',
  'funding.sponsored.by': 'Спонсор:',
  'funding.sponsored.default': 'Цей матеріал оплатив названий тут спонсор. Це не робота нашої редакції.',
  'funding.underwritten.label': 'Фінансування',
  'funding.underwritten.by': 'Цю роботу підтримав',
  'funding.underwritten.default': 'Наші донори не впливають на те, про що і як ми пишемо.',
  'consent.label': 'Сторонні скрипти',
  'consent.text':
    'З вашого дозволу наші сторінки також завантажать {count, plural, one {# скрипт} few {# скрипти} many {# скриптів} other {# скрипта}} з {hosts}{purpose, select, analytics {, щоб рахувати аудиторію} embed {, щоб показувати вбудовані медіа} both {, щоб рахувати аудиторію й показувати вбудовані медіа} other {}}. Ці компанії можуть ставити власні файли cookie. Без вашого дозволу нічого не завантажиться.',
  'consent.details': 'Подробиці й як змінити свій вибір',
  'consent.allow': 'Дозволити',
  'consent.refuse': 'Відмовитися',
};
