/// <reference lib="dom" />
/**
 * Suggest-as-you-type for the search page's box: a combobox (WAI-ARIA 1.2 pattern) listing the newest
 * headlines that match what is typed. Loaded only by /search; without it the form works as before.
 * Suggestions are links, built with textContent: nothing from the server becomes markup.
 */
const input = document.querySelector<HTMLInputElement>('input[data-suggest]');
if (input) attach(input);

function attach(box: HTMLInputElement) {
  const endpoint = box.dataset.suggest!;
  const list = document.createElement('ul');
  list.id = `${box.id}-suggestions`;
  list.className = 'search-suggestions';
  list.setAttribute('role', 'listbox');
  list.setAttribute('aria-label', 'Suggested stories');
  list.hidden = true;
  box.after(list);
  box.setAttribute('role', 'combobox');
  box.setAttribute('aria-autocomplete', 'list');
  box.setAttribute('aria-controls', list.id);
  box.setAttribute('aria-expanded', 'false');
  box.autocomplete = 'off';

  let active = -1;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let asked = '';
  const options = () => [...list.querySelectorAll<HTMLLIElement>('[role="option"]')];

  const close = () => {
    list.hidden = true;
    box.setAttribute('aria-expanded', 'false');
    box.removeAttribute('aria-activedescendant');
    active = -1;
  };
  const highlight = (i: number) => {
    const all = options();
    if (!all.length) return;
    active = (i + all.length) % all.length;
    all.forEach((o, j) => o.setAttribute('aria-selected', String(j === active)));
    box.setAttribute('aria-activedescendant', all[active]!.id);
  };
  const show = (items: { headline: string; url: string }[]) => {
    list.replaceChildren(
      ...items.map((item, i) => {
        const li = document.createElement('li');
        li.id = `${list.id}-${i}`;
        li.setAttribute('role', 'option');
        li.setAttribute('aria-selected', 'false');
        const a = document.createElement('a');
        a.href = item.url;
        a.tabIndex = -1;
        a.textContent = item.headline;
        li.append(a);
        return li;
      }),
    );
    active = -1;
    list.hidden = items.length === 0;
    box.setAttribute('aria-expanded', String(items.length > 0));
  };
  const ask = async () => {
    const q = box.value.trim();
    if (q === asked) return;
    asked = q;
    if (Array.from(q).length < 3) return show([]);
    try {
      const res = await fetch(`${endpoint}?${new URLSearchParams({ q })}`, { headers: { accept: 'application/json' } });
      if (!res.ok || box.value.trim() !== q) return;
      const body = (await res.json()) as { suggestions?: { headline: string; url: string }[] };
      show(
        Array.isArray(body.suggestions)
          ? body.suggestions.filter((s) => typeof s.headline === 'string' && typeof s.url === 'string' && s.url.startsWith('/'))
          : [],
      );
    } catch {
      // Offline or refused: the form still searches.
    }
  };

  box.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(ask, 150);
  });
  box.addEventListener('keydown', (e) => {
    if (list.hidden) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      highlight(active + (e.key === 'ArrowDown' ? 1 : -1));
    } else if (e.key === 'Enter' && active >= 0) {
      e.preventDefault();
      window.location.assign(options()[active]!.querySelector('a')!.href);
    } else if (e.key === 'Escape') {
      // The first Escape closes the list; only a second one clears the search field, as browsers do.
      e.preventDefault();
      close();
    }
  });
  box.addEventListener('blur', () => setTimeout(close, 150));
}
