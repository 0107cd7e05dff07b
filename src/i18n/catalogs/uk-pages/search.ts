import type { enSearch } from '../en-pages/search.js';

/** Пошук: форма, фільтри, кількість результатів і сторінки результатів. */
export const ukSearch: Record<keyof typeof enSearch, string> = {
  'search.title': 'Пошук',
  'search.titleWith': 'Пошук: {q}',
  'search.description': 'Пошук серед опублікованих матеріалів {outlet}.',
  'search.label': 'Пошук в архіві',
  'search.placeholder': 'Слова, імена, «фраза», -виключити',
  'search.filters': 'Уточнити пошук',
  'search.section': 'Рубрика',
  'search.anySection': 'Будь-яка рубрика',
  'search.from': 'Опубліковано з',
  'search.to': 'по',
  'search.remove': '(прибрати)',
  'search.filter.tag': 'З тегом «{tag}»',
  'search.filter.author': 'Автор: {author}',
  'search.none': 'Жоден опублікований матеріал не підходить.',
  'search.none.note': 'Перевірте написання, скоротіть запит або приберіть фільтр.',
  'search.found': '{count, plural, one {Знайдено # матеріал} few {Знайдено # матеріали} many {Знайдено # матеріалів} other {Знайдено # матеріалу}}.',
  'search.many': 'Підходить понад {window} матеріалів.',
  'search.manyAbout': 'Підходить понад {window} матеріалів (приблизно {total}).',
  'search.many.note': 'Показано найкращі збіги серед {window} найновіших. Додайте слово, фразу в лапках чи дату, щоб сягнути далі в минуле.',
  'search.truncated': 'Запит був довгий: ми взяли його перші слова.',
  'search.pages': 'Сторінки результатів',
  'search.prev': '← Попередня',
  'search.next': 'Наступна →',
  'search.page': 'Сторінка {page, number}',
};
