/// <reference lib="dom" />
/**
 * The story settings' pickers. Each one sits over the plain field the server rendered (a comma list,
 * lines of text) and writes that field's value on every change, so the form posts what it always
 * posted and works the same without JavaScript. A picker whose field is missing does nothing.
 */
import { createCombobox, fetchJson, type Suggestion } from './combobox.js';
import { adminText } from './editor-text.js';

/** Tells the page (state line, autosave) that a picker changed the form. */
function changed(field: HTMLElement): void {
  field.dispatchEvent(new Event('input', { bubbles: true }));
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function button(text: string, label: string, className = 'secondary small'): HTMLButtonElement {
  const b = el('button', className, text);
  b.type = 'button';
  b.setAttribute('aria-label', label);
  return b;
}

/** Hides the plain field and points its label at the picker's own input. */
function takeOver(field: HTMLInputElement | HTMLTextAreaElement, newId: string): HTMLLabelElement | null {
  const label = document.querySelector<HTMLLabelElement>(`label[for="${field.id}"]`);
  label?.setAttribute('for', newId);
  field.hidden = true;
  label?.querySelector('.hint')?.remove();
  return label;
}

/** A row of removable chips, announced as a list. */
function chipList(label: string, onRemove: (i: number) => void) {
  const list = el('ul', 'chips');
  list.setAttribute('aria-label', label);
  const render = (chips: { text: string; badge?: string; removeLabel: string }[]) => {
    list.replaceChildren(
      ...chips.map((c, i) => {
        const li = el('li', 'chip');
        li.append(el('span', 'chip-text', c.text));
        if (c.badge) li.append(el('span', 'chip-badge', c.badge));
        const remove = button('×', c.removeLabel, 'chip-remove');
        remove.addEventListener('click', () => onRemove(i));
        li.append(remove);
        return li;
      }),
    );
  };
  return { list, render };
}

/** Tags as chips; suggestions from the outlet's tags, and any new name taken as it is typed. */
export function mountTagPicker(): void {
  const box = document.getElementById('tags-field');
  const field = document.getElementById('f-tags');
  if (!box || !(field instanceof HTMLInputElement)) return;
  const url = box.dataset.suggestUrl ?? '';
  let tags = field.value
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
  const sync = () => {
    field.value = tags.join(', ');
    chips.render(tags.map((t) => ({ text: t, removeLabel: adminText('admin.editor.tags.remove', { tag: t }) })));
    changed(field);
  };
  const add = (name: string) => {
    if (!tags.some((t) => t.toLowerCase() === name.toLowerCase())) tags = [...tags, name];
    sync();
    return true;
  };
  const chips = chipList(adminText('admin.editor.tags.chips'), (i) => {
    tags = tags.filter((_, j) => j !== i);
    sync();
    combo.input.focus();
  });
  const combo = createCombobox({
    id: 'f-tags-picker',
    placeholder: adminText('admin.editor.tags.placeholder'),
    commaAdds: true,
    suggest: async (q) => {
      const answer = (await fetchJson(url, { q })) as { tags?: unknown } | null;
      const names = Array.isArray(answer?.tags) ? answer.tags.filter((t): t is string => typeof t === 'string') : [];
      const taken = new Set(tags.map((t) => t.toLowerCase()));
      const offered: Suggestion[] = names.filter((n) => !taken.has(n.toLowerCase())).map((n) => ({ value: n, text: n }));
      if (!names.some((n) => n.toLowerCase() === q.toLowerCase()) && !taken.has(q.toLowerCase()))
        offered.push({ value: q, text: q, detail: adminText('admin.editor.tags.new') });
      return offered;
    },
    onPick: (s) => add(s.value),
    onFreeText: add,
  });
  combo.input.addEventListener('keydown', (e) => {
    if (e.key === 'Backspace' && combo.input.value === '' && tags.length) {
      tags = tags.slice(0, -1);
      sync();
    }
  });
  takeOver(field, combo.input.id);
  field.after(chips.list, combo.element);
  chips.render(tags.map((t) => ({ text: t, removeLabel: adminText('admin.editor.tags.remove', { tag: t }) })));
}

interface Byline {
  name: string;
  guest: boolean;
}

/** Bylines from the author profiles, with a guest contributor added inline. */
export function mountBylinePicker(): void {
  const box = document.getElementById('bylines-field');
  const field = document.getElementById('f-authors');
  if (!box || !(field instanceof HTMLTextAreaElement)) return;
  const url = box.dataset.suggestUrl ?? '';
  let bylines: Byline[] = field.value
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => ({ name: l.replace(/\(guest\)\s*$/i, '').trim(), guest: /\(guest\)\s*$/i.test(l) }));
  const render = () =>
    chips.render(
      bylines.map((b) => ({
        text: b.name,
        ...(b.guest ? { badge: adminText('admin.editor.bylines.guest') } : {}),
        removeLabel: adminText('admin.editor.bylines.remove', { name: b.name }),
      })),
    );
  const sync = () => {
    field.value = bylines.map((b) => (b.guest ? `${b.name} (guest)` : b.name)).join('\n');
    render();
    changed(field);
  };
  const add = (b: Byline) => {
    if (!bylines.some((x) => x.name.toLowerCase() === b.name.toLowerCase())) bylines = [...bylines, b];
    sync();
    return true;
  };
  const chips = chipList(adminText('admin.editor.bylines.chips'), (i) => {
    bylines = bylines.filter((_, j) => j !== i);
    sync();
    combo.input.focus();
  });
  const combo = createCombobox({
    id: 'f-authors-picker',
    placeholder: adminText('admin.editor.bylines.placeholder'),
    suggestEmpty: true,
    suggest: async (q) => {
      const answer = (await fetchJson(url, { q })) as { authors?: unknown } | null;
      const list = Array.isArray(answer?.authors) ? (answer.authors as { name?: unknown; guest?: unknown }[]) : [];
      const taken = new Set(bylines.map((b) => b.name.toLowerCase()));
      return list
        .filter((a): a is { name: string; guest: boolean } => typeof a.name === 'string')
        .filter((a) => !taken.has(a.name.toLowerCase()))
        .map((a) => ({ value: `${a.guest ? 'g' : 's'}:${a.name}`, text: a.name, ...(a.guest ? { detail: adminText('admin.editor.bylines.guest') } : {}) }));
    },
    onPick: (s) => add({ name: s.value.slice(2), guest: s.value.startsWith('g:') }),
    onFreeText: (name) => add({ name, guest: false }),
  });

  // "Add a guest contributor": a name field that opens in place, for someone without a profile yet.
  const guestOpen = button(adminText('admin.editor.bylines.guest.open'), adminText('admin.editor.bylines.guest.open'), 'secondary small');
  const guestRow = el('div', 'guest-row');
  guestRow.hidden = true;
  const guestLabel = el('label', '', adminText('admin.editor.bylines.guest.name'));
  guestLabel.htmlFor = 'f-guest-name';
  const guestInput = el('input', '');
  guestInput.type = 'text';
  guestInput.id = 'f-guest-name';
  const guestAdd = button(adminText('admin.editor.bylines.guest.add'), adminText('admin.editor.bylines.guest.add.label'), 'small');
  const guestCancel = button(adminText('admin.editor.bylines.guest.cancel'), adminText('admin.editor.bylines.guest.cancel.label'), 'secondary small');
  guestRow.append(guestLabel, guestInput, guestAdd, guestCancel);
  const closeGuest = () => {
    guestInput.value = '';
    guestRow.hidden = true;
    guestOpen.hidden = false;
    guestOpen.focus();
  };
  const addGuest = () => {
    const name = guestInput.value.trim();
    if (name === '') return guestInput.focus();
    add({ name, guest: true });
    closeGuest();
  };
  guestOpen.addEventListener('click', () => {
    guestRow.hidden = false;
    guestOpen.hidden = true;
    guestInput.focus();
  });
  guestAdd.addEventListener('click', addGuest);
  guestCancel.addEventListener('click', closeGuest);
  guestInput.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      addGuest();
    } else if (e.key === 'Escape') closeGuest();
  });

  takeOver(field, combo.input.id);
  field.after(chips.list, combo.element, guestOpen, guestRow);
  render();
}

/** Sources as rows of name and address, added and removed one by one. */
export function mountSourceRows(): void {
  const field = document.getElementById('f-sources');
  if (!(field instanceof HTMLTextAreaElement)) return;
  const label = document.querySelector<HTMLLabelElement>(`label[for="${field.id}"]`);
  const rows = el('div', 'source-rows');
  let count = 0;
  const sync = () => {
    field.value = [...rows.querySelectorAll<HTMLElement>('.source-row')]
      .map((row) => {
        const [name, url] = [...row.querySelectorAll('input')].map((i) => i.value.trim().replace(/\|/g, '/'));
        return name || url ? `${name} | ${url}` : '';
      })
      .filter(Boolean)
      .join('\n');
  };
  const addRow = (name: string, url: string, focus: boolean) => {
    const n = ++count;
    const row = el('div', 'source-row');
    const nameLabel = el('label', 'visually-hidden', adminText('admin.editor.sources.name', { n }));
    nameLabel.htmlFor = `f-source-${n}-name`;
    const nameInput = el('input', '');
    nameInput.type = 'text';
    nameInput.id = nameLabel.htmlFor;
    nameInput.placeholder = adminText('admin.editor.sources.name.placeholder');
    nameInput.value = name;
    const urlLabel = el('label', 'visually-hidden', adminText('admin.editor.sources.address', { n }));
    urlLabel.htmlFor = `f-source-${n}-url`;
    const urlInput = el('input', '');
    urlInput.type = 'url';
    urlInput.id = urlLabel.htmlFor;
    urlInput.placeholder = 'https://…';
    urlInput.value = url;
    const remove = button(adminText('admin.editor.sources.remove'), adminText('admin.editor.sources.remove.label', { n }));
    remove.addEventListener('click', () => {
      const next = row.nextElementSibling?.querySelector('input') ?? row.previousElementSibling?.querySelector('input') ?? addButton;
      row.remove();
      sync();
      changed(field);
      (next as HTMLElement).focus();
    });
    row.append(nameLabel, nameInput, urlLabel, urlInput, remove);
    row.addEventListener('input', sync);
    rows.append(row);
    if (focus) nameInput.focus();
  };
  const addButton = button(adminText('admin.editor.sources.add'), adminText('admin.editor.sources.add'));
  addButton.addEventListener('click', () => addRow('', '', true));
  for (const line of field.value
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)) {
    const [name, ...rest] = line.split('|');
    addRow((name ?? '').trim(), rest.join('|').trim(), false);
  }
  if (count === 0) addRow('', '', false);
  field.hidden = true;
  label?.querySelector('.hint')?.remove();
  if (label) {
    // The label now names the group; the first row's name field takes the click.
    label.htmlFor = 'f-source-1-name';
  }
  field.after(rows, addButton);
}

interface Card {
  slug: string;
  headline: string;
  meta: string;
}

/** Related stories found by searching headlines, kept as cards in the order readers see them. */
export function mountRelatedPicker(): void {
  const box = document.getElementById('related-field');
  const field = document.getElementById('f-related');
  const list = document.getElementById('related-cards');
  if (!box || !(field instanceof HTMLInputElement) || !(list instanceof HTMLUListElement)) return;
  const url = box.dataset.searchUrl ?? '';
  const exclude = box.dataset.exclude ?? '';
  const known = new Map<string, Card>();
  for (const li of list.querySelectorAll<HTMLElement>('li[data-slug]')) {
    known.set(li.dataset.slug!, {
      slug: li.dataset.slug!,
      headline: li.querySelector('.related-headline')?.textContent ?? li.dataset.slug!,
      meta: li.querySelector('.related-meta')?.textContent ?? '',
    });
  }
  let cards: Card[] = field.value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((slug) => known.get(slug) ?? { slug, headline: slug, meta: adminText('admin.editor.related.notFound') });
  const render = () => {
    list.replaceChildren(
      ...cards.map((c, i) => {
        const li = el('li', 'related-card');
        li.dataset.slug = c.slug;
        li.append(el('span', 'related-headline', c.headline), el('span', 'related-meta', c.meta));
        const tools = el('span', 'related-tools');
        const up = button('↑', adminText('admin.editor.related.up.label', { headline: c.headline }), 'secondary small');
        up.disabled = i === 0;
        up.addEventListener('click', () => move(i, -1));
        const down = button('↓', adminText('admin.editor.related.down.label', { headline: c.headline }), 'secondary small');
        down.disabled = i === cards.length - 1;
        down.addEventListener('click', () => move(i, 1));
        const remove = button(
          adminText('admin.editor.related.remove'),
          adminText('admin.editor.related.remove.label', { headline: c.headline }),
          'secondary small',
        );
        remove.addEventListener('click', () => {
          cards = cards.filter((_, j) => j !== i);
          sync();
          combo.input.focus();
        });
        tools.append(up, down, remove);
        li.append(tools);
        return li;
      }),
    );
  };
  const sync = () => {
    field.value = cards.map((c) => c.slug).join(', ');
    render();
    changed(field);
  };
  const move = (i: number, step: number) => {
    const j = i + step;
    if (j < 0 || j >= cards.length) return;
    const next = [...cards];
    [next[i], next[j]] = [next[j]!, next[i]!];
    cards = next;
    sync();
    list
      .querySelectorAll<HTMLButtonElement>('.related-card')
      [j]?.querySelector<HTMLButtonElement>(step < 0 ? 'button:not([disabled])' : 'button:nth-child(2):not([disabled])')
      ?.focus();
  };
  const combo = createCombobox({
    id: 'f-related-picker',
    placeholder: adminText('admin.editor.related.placeholder'),
    suggest: async (q) => {
      const answer = (await fetchJson(url, { q, exclude })) as { stories?: unknown } | null;
      const stories = Array.isArray(answer?.stories) ? (answer.stories as Record<string, unknown>[]) : [];
      return stories
        .filter((s) => typeof s.slug === 'string' && typeof s.headline === 'string' && !cards.some((c) => c.slug === s.slug))
        .map((s) => {
          const meta = [
            typeof s.section === 'string' ? s.section : '',
            typeof s.publishedAt === 'string' ? s.publishedAt.slice(0, 10) : adminText('admin.editor.related.notPublished'),
          ]
            .filter(Boolean)
            .join(' · ');
          known.set(s.slug as string, { slug: s.slug as string, headline: s.headline as string, meta });
          return { value: s.slug as string, text: s.headline as string, detail: meta };
        });
    },
    onPick: (s) => {
      const card = known.get(s.value);
      if (card && !cards.some((c) => c.slug === card.slug)) cards = [...cards, card];
      sync();
    },
  });
  const label = takeOver(field, combo.input.id);
  if (label) label.firstChild!.textContent = `${adminText('admin.editor.related.label')} `;
  list.before(combo.element);
  render();
}

/** "New section…" in the section list opens the field for its name; the field stays hidden otherwise. */
export function mountSectionChoice(): void {
  const select = document.getElementById('f-section');
  const box = document.getElementById('new-section');
  const input = document.getElementById('f-newSection');
  if (!(select instanceof HTMLSelectElement) || !box || !(input instanceof HTMLInputElement)) return;
  const update = (focus: boolean) => {
    const open = select.value === '+new' || input.value.trim() !== '';
    box.hidden = !open;
    if (open && focus) input.focus();
    if (!open) input.value = '';
  };
  select.addEventListener('change', () => update(true));
  box.querySelector('.hint')?.remove();
  if (input.value.trim() !== '') select.value = '+new';
  update(false);
}
