import type { enSupport } from '../en-pages/support.js';

/** Сторінка підтримки (рівні, ціни, інші способи допомогти) і сторінка подяки. */
export const ukSupport: Record<keyof typeof enSupport, string> = {
  'support.title': 'Підтримати {outlet}',
  'support.heading': 'Підтримайте незалежну журналістику',
  'support.already': 'Ви вже патрон ({tier}). Дякуємо.',
  'support.voteNext': 'Голосуйте, про що писати далі',
  'support.count':
    '{count, plural, one {# читач уже став патроном.} few {# читачі вже стали патронами.} many {# читачів уже стали патронами.} other {# читача вже стали патронами.}}',
  'support.become': 'Стати патроном',
  'support.noTiers': 'Рівнів підтримки ще немає. Інші способи допомогти — нижче.',
  'support.weight': 'Ваш голос за теми важить {weight, plural, one {як # голос} few {як # голоси} many {як # голосів} other {як # голосу}}.',
  'support.or': ' або ',
  'support.price.month': '{price} на місяць',
  'support.price.year': '{price} на рік',
  'support.joinAt': 'Долучитися за {price}',
  'support.howToJoin': 'Як долучитися',
  'support.byHand': 'Як долучитися без картки',
  'support.writeTo': 'Напишіть нам на',
  'support.signInFirst': 'Коли ви обираєте рівень, ми спершу питаємо вашу адресу, щоб прив’язати підтримку до профілю читача:',
  'support.signInLink': 'увійдіть або створіть профіль',
  'support.topics.heading': 'Патрони обирають, про що ми пишемо',
  'support.topics.text': 'Патрони пропонують теми, за які редакції варто взятися далі, і голосують за них.',
  'support.topics.link': 'Перегляньте дошку тем',
  'support.topics.after': ' і що ми вже висвітлили на прохання патронів.',
  'support.otherWays': 'Інші способи нас підтримати',
  'support.funders.heading': 'Наші донори',
  'support.funders.text': 'Разом із читачами нашу роботу допомагають оплачувати ці організації.',
  'support.funders.label': 'Донори',
  'support.mailSubject': 'Хочу стати патроном: {tier} ({price})',
  'support.patron': 'Патрон',
  'thanks.title': 'Дякуємо',
  'thanks.patron': 'Тепер ви патрон. Ваша підтримка оплачує наступний матеріал, а ваш голос тепер має вагу на дошці тем.',
  'thanks.pending':
    'Ми ще підтверджуємо ваш платіж; зазвичай це триває кілька секунд. Оновіть сторінку за мить або знайдіть свою підтримку на сторінці профілю.',
  'thanks.account': 'Ваш профіль',
};
