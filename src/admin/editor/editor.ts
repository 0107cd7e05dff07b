/// <reference lib="dom" />
/**
 * The article body editor: a Tiptap island over the server-rendered edit form.
 * Without JavaScript the form's <textarea name="body_html"> edits HTML directly. With it, the
 * textarea is hidden (it stays in the form) and every change writes the editor's HTML into it and
 * the editor's JSON into <input name="body_json">, so a plain form submit posts both.
 */
import { Editor, getSchema, type JSONContent } from '@tiptap/core';
import type { Schema } from '@tiptap/pm/model';
import { keepDrafts } from './draft-recovery.js';
import { DraftStore, isTiptapDoc } from './draft-store.js';
import { articleExtensions } from './editor-extensions.js';
import { createToolbar, type ToolbarAction } from './editor-toolbar.js';
import { createImagePicker, type ImagePicker } from './image-upload.js';
import { editLink, removeLink } from './link-editing.js';
import { mountWritingPage } from './writing-page.js';
import { adminText } from './editor-text.js';

/** The parts of the edit page this island works on (see the contract in the page template). */
interface EditorPage {
  form: HTMLFormElement;
  textarea: HTMLTextAreaElement;
  jsonField: HTMLInputElement;
  uploadUrl: string | null;
  draftKey: string | null;
}

const page = findEditorPage();
if (page) mountEditor(page);
mountWritingPage();

function findEditorPage(): EditorPage | null {
  const textarea = document.getElementById('body-html');
  const jsonField = document.getElementById('body-json');
  const config = document.getElementById('editor-config');
  // A page that does not match the contract keeps its plain textarea, which works on its own.
  if (!(textarea instanceof HTMLTextAreaElement) || !(jsonField instanceof HTMLInputElement) || !config || !textarea.form) return null;
  return {
    form: textarea.form,
    textarea,
    jsonField,
    uploadUrl: config.dataset.uploadUrl || null,
    draftKey: config.dataset.draftKey || null,
  };
}

function mountEditor(page: EditorPage): void {
  const status = element('p', 'mh-editor-status');
  status.setAttribute('role', 'status');
  status.setAttribute('aria-live', 'polite');
  const announce = (message: string) => {
    status.textContent = message;
  };

  const extensions = articleExtensions({ onLinkShortcut: () => editLink(editor, announce) });
  const schema = getSchema(extensions);
  const host = element('div', 'mh-editor-host');
  const label = document.querySelector<HTMLLabelElement>(`label[for="${page.textarea.id}"]`);
  if (label && !label.id) label.id = `${page.textarea.id}-label`;

  const editor = new Editor({
    element: host,
    extensions,
    content: initialContent(page, schema),
    // Tiptap would add an inline <style>, which a strict Content-Security-Policy blocks; editor.css carries those rules.
    injectCSS: false,
    editorProps: {
      attributes: {
        id: 'body-editor',
        class: 'mh-editor-content',
        role: 'textbox',
        'aria-multiline': 'true',
        ...(label ? { 'aria-labelledby': label.id } : { 'aria-label': adminText('admin.editor.body.label') }),
      },
    },
  });
  // The label points at the hidden textarea; send its clicks to the editor instead.
  label?.addEventListener('click', (event) => {
    event.preventDefault();
    editor.commands.focus();
  });

  const syncFields = () => {
    page.textarea.value = editor.getHTML();
    page.jsonField.value = JSON.stringify(editor.getJSON());
  };
  editor.on('update', () => {
    syncFields();
    // The writing page's state line and autosave listen for this (the hidden textarea fires no input event).
    page.form.dispatchEvent(new Event('mh:body-change'));
  });
  page.form.addEventListener('submit', syncFields);

  const images = page.uploadUrl
    ? createImagePicker({
        editor,
        uploadUrl: page.uploadUrl,
        csrfToken: () => page.form.querySelector<HTMLInputElement>('input[name="_csrf"]')?.value ?? null,
        announce,
        onBusyChange: () => toolbar.refresh(),
      })
    : null;
  const toolbar = createToolbar({ label: adminText('admin.editor.toolbar.label'), controls: 'body-editor', groups: toolbarGroups(editor, images, announce) });
  editor.on('transaction', toolbar.refresh);
  toolbar.refresh();

  const notice = page.draftKey ? keepDrafts({ editor, form: page.form, announce, ...draftOffer(page.draftKey, schema, editor) }) : null;

  const wrapper = element('div', 'mh-editor');
  wrapper.append(...(notice ? [notice] : []), toolbar.element, host, status, ...(images ? [images.input] : []));
  page.textarea.before(wrapper);
  page.textarea.hidden = true;
  // A hidden required field would block the submit with a message the writer cannot see; the server still validates.
  page.textarea.required = false;
}

/** The draft store for this article revision, and its draft if it differs from what the server sent. */
function draftOffer(draftKey: string, schema: Schema, editor: Editor) {
  const drafts = new DraftStore(draftKey);
  const serverJson = JSON.stringify(editor.getJSON());
  const stored = drafts.load();
  const doc = stored ? normalisedDoc(stored.doc, schema) : null;
  if (stored === null || doc === null || JSON.stringify(doc) === serverJson) {
    // Nothing to offer; a draft that matches the server (or no longer fits the schema) is only clutter.
    if (stored !== null) drafts.clear();
    return { drafts, serverJson, offered: null };
  }
  return { drafts, serverJson, offered: { savedAt: new Date(stored.savedAt), doc } };
}

function toolbarGroups(editor: Editor, images: ImagePicker | null, announce: (message: string) => void): ToolbarAction[][] {
  const chain = () => editor.chain().focus();
  const blocks: ToolbarAction[] = [
    {
      text: adminText('admin.editor.toolbar.paragraph'),
      label: adminText('admin.editor.toolbar.paragraph.label'),
      run: () => chain().setParagraph().run(),
      isActive: () => editor.isActive('paragraph'),
    },
    {
      text: adminText('admin.editor.toolbar.h2'),
      label: adminText('admin.editor.toolbar.h2.label'),
      run: () => chain().toggleHeading({ level: 2 }).run(),
      isActive: () => editor.isActive('heading', { level: 2 }),
    },
    {
      text: adminText('admin.editor.toolbar.h3'),
      label: adminText('admin.editor.toolbar.h3.label'),
      run: () => chain().toggleHeading({ level: 3 }).run(),
      isActive: () => editor.isActive('heading', { level: 3 }),
    },
  ];
  const marks: ToolbarAction[] = [
    {
      text: adminText('admin.editor.toolbar.bold'),
      label: adminText('admin.editor.toolbar.bold.label'),
      className: 'mh-bold',
      run: () => chain().toggleBold().run(),
      isActive: () => editor.isActive('bold'),
    },
    {
      text: adminText('admin.editor.toolbar.italic'),
      label: adminText('admin.editor.toolbar.italic.label'),
      className: 'mh-italic',
      run: () => chain().toggleItalic().run(),
      isActive: () => editor.isActive('italic'),
    },
    {
      text: adminText('admin.editor.toolbar.link'),
      label: adminText('admin.editor.toolbar.link.label'),
      run: () => editLink(editor, announce),
      isActive: () => editor.isActive('link'),
    },
    {
      text: adminText('admin.editor.toolbar.unlink'),
      label: adminText('admin.editor.toolbar.unlink.label'),
      run: () => removeLink(editor),
      isEnabled: () => editor.isActive('link'),
    },
  ];
  const structure: ToolbarAction[] = [
    {
      text: adminText('admin.editor.toolbar.bulleted'),
      label: adminText('admin.editor.toolbar.bulleted.label'),
      run: () => chain().toggleBulletList().run(),
      isActive: () => editor.isActive('bulletList'),
    },
    {
      text: adminText('admin.editor.toolbar.numbered'),
      label: adminText('admin.editor.toolbar.numbered.label'),
      run: () => chain().toggleOrderedList().run(),
      isActive: () => editor.isActive('orderedList'),
    },
    {
      text: adminText('admin.editor.toolbar.quote'),
      label: adminText('admin.editor.toolbar.quote.label'),
      run: () => chain().toggleBlockquote().run(),
      isActive: () => editor.isActive('blockquote'),
    },
  ];
  if (images)
    structure.push({
      text: adminText('admin.editor.toolbar.image'),
      label: adminText('admin.editor.toolbar.image.label'),
      run: images.pick,
      isEnabled: () => !images.busy(),
    });
  const history: ToolbarAction[] = [
    {
      text: adminText('admin.editor.toolbar.undo'),
      label: adminText('admin.editor.toolbar.undo.label'),
      run: () => chain().undo().run(),
      isEnabled: () => editor.can().undo(),
    },
    {
      text: adminText('admin.editor.toolbar.redo'),
      label: adminText('admin.editor.toolbar.redo.label'),
      run: () => chain().redo().run(),
      isEnabled: () => editor.can().redo(),
    },
  ];
  return [blocks, marks, structure, history];
}

/** The server's JSON when it is a valid document for this schema, else its sanitized HTML. */
function initialContent(page: EditorPage, schema: Schema): JSONContent | string {
  const raw = page.jsonField.value.trim();
  if (raw !== '') {
    try {
      const doc = normalisedDoc(JSON.parse(raw) as unknown, schema);
      if (doc !== null) return doc;
    } catch {
      // Not JSON: fall back to the HTML, which the server always sends.
    }
  }
  return page.textarea.value;
}

/** A document as the editor itself would serialise it, or null if it does not fit the schema. */
function normalisedDoc(value: unknown, schema: Schema): JSONContent | null {
  if (!isTiptapDoc(value)) return null;
  try {
    const node = schema.nodeFromJSON(value);
    node.check();
    return node.toJSON() as JSONContent;
  } catch {
    return null;
  }
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className: string): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  el.className = className;
  return el;
}
