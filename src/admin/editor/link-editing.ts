/// <reference lib="dom" />
import type { Editor } from '@tiptap/core';
import { parseLinkInput } from './link-url.js';
import { adminText } from './editor-text.js';

/** Asks for a link address and applies it to the selection; an empty answer removes the link. */
export function editLink(editor: Editor, announce: (message: string) => void): void {
  const current = editor.getAttributes('link').href as string | undefined;
  const input = window.prompt(adminText('admin.editor.link.ask'), current ?? '');
  if (input === null) return;
  if (input.trim() === '') {
    removeLink(editor);
    return;
  }
  const parsed = parseLinkInput(input);
  if (!parsed.ok) {
    announce(parsed.reason === 'scheme' ? adminText('admin.editor.link.scheme') : adminText('admin.editor.link.invalid', { input: input.trim() }));
    return;
  }
  if (editor.state.selection.empty && !editor.isActive('link')) {
    // Nothing selected: the address itself becomes the link text.
    editor
      .chain()
      .focus()
      .insertContent({ type: 'text', text: parsed.href, marks: [{ type: 'link', attrs: { href: parsed.href } }] })
      .run();
  } else {
    editor.chain().focus().extendMarkRange('link').setLink({ href: parsed.href }).run();
  }
  announce('');
}

/** Removes the whole link around the cursor, or from the selection. */
export function removeLink(editor: Editor): void {
  editor.chain().focus().extendMarkRange('link').unsetLink().run();
}
