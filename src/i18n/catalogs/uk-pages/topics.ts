import type { enTopics } from '../en-pages/topics.js';

/** Дошка тем, де патрони пропонують, про що нам писати, і голосують. */
export const ukTopics: Record<keyof typeof enTopics, string> = {
  'topics.title': 'Теми',
  'topics.description': 'Теми, які патрони {outlet} просять нас висвітлити, їхні голоси і що ми з ними зробили.',
  'topics.topicDescription': 'Тема, яку патрони {outlet} попросили нас висвітлити.',
  'topics.intro':
    'Наші патрони підказують, у чому нам варто розібратися, і голосують за ідеї одне одного. Редактори читають кожну й кажуть, що з нею буде: заплановано, в роботі, висвітлено або відхилено з поясненням.',
  'topics.group.open': 'Відкриті для голосування',
  'topics.group.open.intro': 'Запропоновані патронами й чекають на відповідь. Найбажаніші — першими.',
  'topics.group.planned': 'У наших планах',
  'topics.group.planned.intro': 'Ми погодилися. Патрони ще можуть голосувати, щоб показати, що важливіше.',
  'topics.group.covered': 'Висвітлено',
  'topics.group.covered.intro': 'Обрано нашими патронами й розказано.',
  'topics.group.declined': 'Відхилено',
  'topics.group.declined.intro': 'Теми, за які ми не візьмемося, і чому.',
  'topics.status.open': 'Відкрита',
  'topics.status.planned': 'Заплановано',
  'topics.status.in_progress': 'У роботі',
  'topics.status.covered': 'Висвітлено',
  'topics.status.declined': 'Відхилено',
  'topics.empty': 'Поки немає.',
  'topics.tally.none': 'Ще немає голосів',
  'topics.tally.votes': '{votes, plural, one {# голос} few {# голоси} many {# голосів} other {# голосу}}',
  'topics.tally.weighted':
    '{votes, plural, one {# голос} few {# голоси} many {# голосів} other {# голосу}} від {patrons, plural, one {# патрона} few {# патронів} many {# патронів} other {# патрона}}',
  'topics.tally.former': '{base}, з них {former, plural, one {# від колишнього патрона} other {# від колишніх патронів}}',
  'topics.tally.formerWeighted':
    '{base}, з них {former, plural, one {# — колишній патрон} few {# — колишні патрони} many {# — колишні патрони} other {# — колишні патрони}}',
  'topics.join.anonymous': 'Теми пропонують і за них голосують патрони.',
  'topics.join.become': 'Станьте патроном',
  'topics.join.or': ' або',
  'topics.join.signIn': 'увійдіть',
  'topics.join.already': ', якщо ви вже патрон.',
  'topics.join.member': 'Ви ввійшли, але зараз не є патроном.',
  'topics.join.memberAfter': ', щоб пропонувати теми й голосувати.',
  'topics.voted': 'Ви проголосували за цю тему.',
  'topics.withdraw': 'Відкликати мій голос',
  'topics.vote': 'Голосувати за тему',
  'topics.limitReached': 'Ви вже запропонували стільки тем, скільки можна за 24 години. Тим часом можна голосувати за інші.',
  'topics.propose': 'Запропонувати тему',
  'topics.propose.title': 'У чому нам розібратися? (від {min, number} до {max, number} символів)',
  'topics.propose.description': 'Чому це важливо, кількома реченнями (необов’язково, до {max, number} символів)',
  'topics.propose.hint':
    'Зараз ви можете запропонувати ще {left, plural, one {# тему} few {# теми} many {# тем} other {# теми}} (патрон пропонує не більше {perDay, number} за 24 години). Редактори можуть об’єднати вашу тему з іншою про те саме.',
  'topics.propose.submit': 'Запропонувати',
  'topics.coverage': 'Наші матеріали',
  'topics.all': 'Усі теми',
  'topics.tooMany':
    'Ви надіслали багато запитів за короткий час. Спробуйте ще раз за {minutes, plural, one {# хвилину} few {# хвилини} many {# хвилин} other {# хвилини}}.',
};
