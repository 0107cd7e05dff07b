/// <reference lib="dom" />
/**
 * A text field with a list of suggestions, keyboard first (the WAI-ARIA combobox pattern): type to
 * ask the server, Down/Up to move through the list, Enter to choose, Escape to close. The list is
 * filled from a JSON endpoint; an answer that arrives after a newer question is dropped.
 */

export interface Suggestion {
  value: string;
  text: string;
  detail?: string;
}

export interface Combobox {
  input: HTMLInputElement;
  element: HTMLElement;
  close: () => void;
}

let serial = 0;

export function createCombobox(options: {
  id: string;
  placeholder: string;
  /** The suggestions for what the writer typed; an empty list closes the list. */
  suggest: (text: string) => Promise<Suggestion[]>;
  onPick: (s: Suggestion) => void;
  /** Enter (or a comma, when `commaAdds`) with no suggestion chosen: take the typed text. Return false to ignore it. */
  onFreeText?: (text: string) => boolean;
  commaAdds?: boolean;
  /** Suggest even for an empty field (on focus), e.g. the short list of byline profiles. */
  suggestEmpty?: boolean;
}): Combobox {
  const wrap = document.createElement('div');
  wrap.className = 'combo';
  const input = document.createElement('input');
  input.type = 'text';
  input.id = options.id;
  input.placeholder = options.placeholder;
  input.autocomplete = 'off';
  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-expanded', 'false');
  const list = document.createElement('ul');
  list.className = 'combo-list';
  list.id = `${options.id}-list`;
  list.setAttribute('role', 'listbox');
  list.hidden = true;
  input.setAttribute('aria-controls', list.id);
  wrap.append(input, list);

  let items: Suggestion[] = [];
  let active = -1;
  let asked = 0;
  let timer: number | undefined;

  const render = () => {
    list.replaceChildren(
      ...items.map((s, i) => {
        const li = document.createElement('li');
        li.id = `${options.id}-opt-${++serial}`;
        li.setAttribute('role', 'option');
        li.setAttribute('aria-selected', String(i === active));
        const main = document.createElement('span');
        main.textContent = s.text;
        li.append(main);
        if (s.detail) {
          const detail = document.createElement('span');
          detail.className = 'combo-detail';
          detail.textContent = s.detail;
          li.append(detail);
        }
        // Keep focus in the field: a click must not blur it before it picks.
        li.addEventListener('mousedown', (e) => e.preventDefault());
        li.addEventListener('click', () => pick(i));
        return li;
      }),
    );
    const open = items.length > 0;
    list.hidden = !open;
    input.setAttribute('aria-expanded', String(open));
    const current = active >= 0 ? list.children[active] : null;
    if (current) {
      input.setAttribute('aria-activedescendant', current.id);
      current.scrollIntoView({ block: 'nearest' });
    } else input.removeAttribute('aria-activedescendant');
  };

  const close = () => {
    items = [];
    active = -1;
    asked++;
    render();
  };

  const ask = async () => {
    const text = input.value.trim();
    if (text === '' && !options.suggestEmpty) return close();
    const mine = ++asked;
    let found: Suggestion[] = [];
    try {
      found = await options.suggest(text);
    } catch {
      found = [];
    }
    if (mine !== asked || document.activeElement !== input) return;
    items = found;
    active = -1;
    render();
  };

  const pick = (i: number) => {
    const s = items[i];
    if (!s) return;
    close();
    input.value = '';
    options.onPick(s);
    input.focus();
  };

  const takeFreeText = () => {
    const text = input.value.trim();
    if (text === '' || !options.onFreeText) return;
    if (options.onFreeText(text)) {
      input.value = '';
      close();
    }
  };

  input.addEventListener('input', () => {
    window.clearTimeout(timer);
    if (options.commaAdds && input.value.includes(',')) {
      const parts = input.value.split(',');
      input.value = parts.pop() ?? '';
      for (const part of parts) if (part.trim() && options.onFreeText) options.onFreeText(part.trim());
    }
    timer = window.setTimeout(() => void ask(), 150);
  });
  input.addEventListener('focus', () => {
    if (options.suggestEmpty) void ask();
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (items.length === 0) return void ask();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      active = (active + step + items.length + 1) % (items.length + 1);
      if (active === items.length) active = -1;
      render();
    } else if (e.key === 'Enter') {
      // Never submit the whole story from a picker's field.
      e.preventDefault();
      if (active >= 0) pick(active);
      else takeFreeText();
    } else if (e.key === 'Escape') {
      if (items.length) {
        e.preventDefault();
        close();
      }
    }
  });
  input.addEventListener('blur', () => window.setTimeout(close, 100));
  return { input, element: wrap, close };
}

/** GETs `url?q=…` as JSON from our own origin; anything unexpected becomes an empty answer. */
export async function fetchJson(url: string, params: Record<string, string>): Promise<unknown> {
  const query = new URLSearchParams(params).toString();
  const response = await fetch(`${url}?${query}`, { headers: { accept: 'application/json' }, credentials: 'same-origin' });
  if (!response.ok) return null;
  return response.json().catch(() => null);
}
