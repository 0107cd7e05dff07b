/// <reference lib="dom" />

/** One toolbar button: what it says, what it does, and how it reports its state. */
export interface ToolbarAction {
  /** The accessible name, also shown as a tooltip. */
  label: string;
  /** The short visible text; the label should start with the same word (WCAG "label in name"). */
  text: string;
  run: () => void;
  /** Toggles (bold, lists ...) report whether they apply to the selection: rendered as aria-pressed. */
  isActive?: () => boolean;
  /** Rendered as aria-disabled, not `disabled`, so keyboard focus never lands on a vanished button. */
  isEnabled?: () => boolean;
  className?: string;
}

export interface Toolbar {
  element: HTMLElement;
  /** Re-reads every button's pressed and enabled state; call after each editor transaction. */
  refresh: () => void;
}

/**
 * A WAI-ARIA toolbar: one Tab stop, arrow keys (and Home/End) move between buttons,
 * Enter and Space press them (they are real buttons). Groups are separated visually only.
 */
export function createToolbar(options: { label: string; controls: string; groups: ToolbarAction[][] }): Toolbar {
  const element = document.createElement('div');
  element.className = 'mh-editor-toolbar';
  element.setAttribute('role', 'toolbar');
  element.setAttribute('aria-label', options.label);
  element.setAttribute('aria-controls', options.controls);

  const entries: { button: HTMLButtonElement; action: ToolbarAction }[] = [];
  for (const group of options.groups) {
    const groupElement = document.createElement('span');
    groupElement.className = 'mh-editor-group';
    for (const action of group) {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = action.text;
      button.title = action.label;
      button.setAttribute('aria-label', action.label);
      button.tabIndex = entries.length === 0 ? 0 : -1;
      if (action.className) button.className = action.className;
      if (action.isActive) button.setAttribute('aria-pressed', 'false');
      button.addEventListener('click', () => {
        if (button.getAttribute('aria-disabled') !== 'true') action.run();
      });
      // Keep the editor's selection visible while the pointer is down; keyboard users are unaffected.
      button.addEventListener('mousedown', (event) => event.preventDefault());
      groupElement.append(button);
      entries.push({ button, action });
    }
    element.append(groupElement);
  }

  const buttons = entries.map((e) => e.button);
  const focusAt = (index: number) => {
    const target = buttons[(index + buttons.length) % buttons.length];
    if (!target) return;
    for (const b of buttons) b.tabIndex = b === target ? 0 : -1;
    target.focus();
  };
  element.addEventListener('keydown', (event) => {
    const current = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (current === -1) return;
    const moves: Record<string, number> = { ArrowRight: current + 1, ArrowLeft: current - 1, Home: 0, End: buttons.length - 1 };
    const next = moves[event.key];
    if (next === undefined) return;
    event.preventDefault();
    focusAt(next);
  });
  // A click also moves the roving Tab stop, so Shift+Tab back from the editor returns to the last button used.
  element.addEventListener('focusin', (event) => {
    if (event.target instanceof HTMLButtonElement) for (const b of buttons) b.tabIndex = b === event.target ? 0 : -1;
  });

  const refresh = () => {
    for (const { button, action } of entries) {
      if (action.isActive) button.setAttribute('aria-pressed', String(action.isActive()));
      if (action.isEnabled) button.setAttribute('aria-disabled', String(!action.isEnabled()));
    }
  };
  return { element, refresh };
}
