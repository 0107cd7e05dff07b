import type { enProblems } from '../en-pages/problems.js';

/** Що сторінка помилки каже про проблему читача, і самі проблеми (ключі ReaderProblem). */
export const ukProblems: Record<keyof typeof enProblems, string> = {
  'error.client.detail': 'Що відповів сервер:',

  'problem.tooLong': 'Задовго: щонайбільше {max, plural, one {# символ} few {# символи} many {# символів} other {# символу}}.',
  'problem.tooShort': 'Закоротко: щонайменше {min, plural, one {# символ} few {# символи} many {# символів} other {# символу}}.',
  'problem.required': 'Заповніть це поле.',
  'problem.email': 'Введіть адресу електронної пошти, наприклад name@example.org.',
  'problem.invalid': 'Це значення не підходить. Перевірте його і спробуйте ще раз.',
  'problem.request': 'Частина цієї адреси чи форми неправильна. Перевірте посилання чи форму і спробуйте ще раз або почніть з головної сторінки.',
  'problem.request.page': 'Номер сторінки в цій адресі має бути цілим числом, не меншим за 1.',
  'problem.rateLimited':
    'Забагато спроб з вашої мережі за короткий час. Спробуйте ще раз за {minutes, plural, one {# хвилину} few {# хвилини} many {# хвилин} other {# хвилини}}.',
  'problem.signIn.linksSent':
    'Ми вже надіслали кілька посилань на цю адресу. Перевірте пошту (і папку «Спам») або спробуйте ще раз за {minutes, plural, one {# хвилину} few {# хвилини} many {# хвилин} other {# хвилини}}.',
  'problem.report.tooMany':
    'Ви надіслали багато повідомлень за короткий час. Спробуйте ще раз за {minutes, plural, one {# хвилину} few {# хвилини} many {# хвилин} other {# хвилини}}.',
  'problem.report.emptyQuote': 'Виділіть або вставте уривок, про який хочете повідомити.',
  'problem.report.quoteTooLong':
    'Уривок задовгий: щонайбільше {max, plural, one {# символ} few {# символи} many {# символів} other {# символу}}. Повідомте про коротшу частину.',
  'problem.report.notFound': 'Ми не знайшли цього уривка в матеріалі. Скопіюйте його точно так, як він написаний.',
  'problem.search.empty': 'Введіть одне чи кілька слів для пошуку.',
  'problem.search.onlyExclusions': 'Додайте слово, яке треба знайти: пошук не може лише виключати слова.',
  'problem.search.tooDeep': 'Ми показуємо перші {max} результатів. Додайте слово або фільтр, щоб звузити пошук.',
  'problem.search.dateOrder': 'Дата «від» має бути не пізніше за дату «до».',
  'problem.search.noSection': 'Розділу «{name}» немає.',
  'problem.search.noTag': 'Теми «{name}» немає.',
  'problem.search.noAuthor': 'Автора «{name}» немає.',
  'problem.search.failed': 'Не вдалося виконати цей пошук. Спробуйте інші слова.',
  'problem.formExpired': 'Ця форма застаріла або надіслана не з цього сайту. Оновіть сторінку і спробуйте ще раз.',
  'problem.signInFirst': 'Спершу увійдіть у свій обліковий запис, а тоді спробуйте ще раз.',
  'problem.signIn.otherPage': 'Ця кнопка входу не зі сторінки, яку відкрило ваше посилання. Відкрийте посилання з листа ще раз у цьому браузері.',
  'problem.signIn.linkUsed': 'Це посилання більше не дійсне або ним уже скористалися. Попросіть нове нижче.',
  'problem.account.noCardPayment': 'У вас немає платежу карткою, яким можна керувати тут. Щоб змінити патронство, оформлене вручну, напишіть нам.',
  'problem.account.providerDown': 'Наш платіжний сервіс не відповів. Спробуйте ще раз за кілька хвилин.',
  'problem.account.confirmEmail': 'Для підтвердження введіть точно ту адресу електронної пошти, з якою ви входите.',
  'problem.account.cannotStopPayment': 'Зараз тут не можна зупинити ваш платіж карткою. Напишіть нам, і ми скасуємо його та видалимо ваш обліковий запис.',
  'problem.account.stopPaymentFailed':
    'Нам не вдалося зв’язатися з платіжним сервісом, щоб зупинити платіж, тож нічого не видалено. Спробуйте ще раз за кілька хвилин.',
  'problem.topics.signIn': 'Спершу увійдіть: пропонувати теми й голосувати можуть лише патрони, і нам треба знати, хто ви.',
  'problem.topics.patronsOnly': 'Пропонувати теми й голосувати можуть лише чинні патрони. Станьте патроном, щоб долучитися.',
  'problem.topics.dailyLimit':
    'За 24 години можна запропонувати {count, plural, one {# тему} few {# теми} many {# тем} other {# теми}}. Наступну можна запропонувати після {at}.',
  'problem.topics.merged': 'Цю тему об’єднали з іншою. Голосуйте за ту.',
  'problem.topics.closed': 'Голосування за цю тему завершено.',
  'problem.topics.titleLength': 'Назва має містити від {min} до {max} символів.',
  'problem.topics.descriptionTooLong': 'Опис може мати щонайбільше {max, plural, one {# символ} few {# символи} many {# символів} other {# символу}}.',
  'problem.support.noCards': 'Оплата карткою на сайті не налаштована. Нижче є інші способи нас підтримати.',
  'problem.support.tierGone': 'Цей рівень підтримки більше не пропонується. Оберіть інший.',
  'problem.support.notMonthly': 'Рівень «{tier}» не можна оплачувати щомісяця.',
  'problem.support.notYearly': 'Рівень «{tier}» не можна оплачувати щороку.',
  'problem.support.providerDown': 'Платіжний сервіс не відповів. Гроші не списано; спробуйте ще раз за кілька хвилин.',
  'problem.support.badChoice': 'Оберіть рівень підтримки і як платити: щомісяця чи щороку.',
  // The republish (reprint request) form: each message names the field it is shown next to.
  'problem.republish.required':
    '{field, select, organisation {Вкажіть організацію.} contactName {Вкажіть ваше ім’я.} contactEmail {Вкажіть вашу електронну адресу.} articles {Напишіть, які матеріали ви хочете передрукувати.} purpose {Напишіть, як ви їх використаєте.} other {Заповніть це поле.}}',
  'problem.republish.tooLong':
    '{field, select, organisation {Назва організації} contactName {Ім’я} contactEmail {Електронна адреса} website {Адреса сайту} articles {Перелік матеріалів} purpose {Опис використання} other {Відповідь}} може мати щонайбільше {max, plural, one {# символ} few {# символи} many {# символів} other {# символу}}.',
  'problem.republish.email': 'Ваша електронна адреса має бути адресою електронної пошти, наприклад name@example.org.',
  'problem.republish.website': 'Адреса вашого сайту має починатися з http:// або https://.',
  'problem.republish.tooMany':
    'Ви надіслали кілька запитів за короткий час. Спробуйте ще раз за {minutes, plural, one {# хвилину} few {# хвилини} many {# хвилин} other {# хвилини}}.',
};
