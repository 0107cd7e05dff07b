/// <reference lib="dom" />
import type { Editor } from '@tiptap/core';
import { adminText } from './editor-text.js';

/** An image the media endpoint accepted, ready to insert. */
export interface UploadedImage {
  /** The stored image's id (the hero picker puts it in the form), null if the server did not say. */
  id: number | null;
  src: string;
  width: number | null;
  height: number | null;
}

export type UploadResult = { ok: true; image: UploadedImage } | { ok: false; message: string };

/**
 * Posts one image to the media endpoint as multipart form data ("file" plus the form's CSRF token).
 * The server answers 201 `{ src, width, height }` or 4xx/5xx `{ error }`; every other outcome
 * (network down, HTML error page, odd JSON) becomes a message fit to show the writer.
 */
export async function uploadImage(options: { url: string; file: File; csrfToken: string | null }): Promise<UploadResult> {
  const body = new FormData();
  body.append('file', options.file);
  if (options.csrfToken !== null) body.append('_csrf', options.csrfToken);

  // The token goes in the header too: a CSRF check that runs before the multipart body is parsed still finds it.
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.csrfToken !== null) headers['x-csrf-token'] = options.csrfToken;

  let response: Response;
  try {
    response = await fetch(options.url, { method: 'POST', body, credentials: 'same-origin', headers });
  } catch {
    return { ok: false, message: adminText('admin.editor.upload.unreachable') };
  }
  const payload = await response.json().catch(() => null as unknown);
  if (!response.ok) {
    const error = typeof payload === 'object' && payload !== null ? (payload as { error?: unknown }).error : undefined;
    return { ok: false, message: typeof error === 'string' && error !== '' ? error : adminText('admin.editor.upload.answered', { status: response.status }) };
  }
  const image = readImage(payload);
  return image === null ? { ok: false, message: adminText('admin.editor.upload.unexpected') } : { ok: true, image };
}

function readImage(payload: unknown): UploadedImage | null {
  if (typeof payload !== 'object' || payload === null) return null;
  const { id, src, width, height } = payload as Record<string, unknown>;
  // Only our own media paths or web URLs: never data:, javascript: or protocol-relative sources.
  if (typeof src !== 'string' || !/^(\/(?![/\\])|https?:\/\/)/i.test(src)) return null;
  const dimension = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : null);
  return { id: dimension(id), src, width: dimension(width), height: dimension(height) };
}

/** The image button's hidden file input, and whether an upload is under way. */
export interface ImagePicker {
  input: HTMLInputElement;
  pick: () => void;
  busy: () => boolean;
}

/**
 * Choose a file, describe it (alt text is required), upload it, insert it at the cursor.
 * Progress and failures go to the status region; nothing here uses alert().
 */
export function createImagePicker(options: {
  editor: Editor;
  uploadUrl: string;
  csrfToken: () => string | null;
  announce: (message: string) => void;
  onBusyChange: () => void;
}): ImagePicker {
  const { editor, announce } = options;
  let uploading = false;
  const input = document.createElement('input');
  input.type = 'file';
  input.accept = 'image/*';
  input.hidden = true;
  input.tabIndex = -1;

  const insert = async (file: File) => {
    if (!file.type.startsWith('image/')) {
      announce(adminText('admin.editor.image.notImage', { file: file.name }));
      return;
    }
    // Asked before uploading, so cancelling leaves no orphan file on the server.
    const alt = askAltText();
    if (alt === null) {
      announce(adminText('admin.editor.image.cancelled'));
      return;
    }
    uploading = true;
    options.onBusyChange();
    announce(adminText('admin.editor.image.uploading', { file: file.name }));
    const result = await uploadImage({ url: options.uploadUrl, file, csrfToken: options.csrfToken() });
    uploading = false;
    options.onBusyChange();
    if (!result.ok) {
      announce(adminText('admin.editor.image.failed', { reason: result.message }));
      return;
    }
    const { src, width, height } = result.image;
    editor
      .chain()
      .focus()
      .setImage({ src, alt, ...(width !== null ? { width } : {}), ...(height !== null ? { height } : {}) })
      .run();
    announce(adminText('admin.editor.image.added'));
  };

  input.addEventListener('change', () => {
    const file = input.files?.[0];
    // Reset so that choosing the same file again still fires "change".
    input.value = '';
    if (file) void insert(file);
  });
  return { input, pick: () => input.click(), busy: () => uploading };
}

/** Prompts until the writer gives a description; null if they cancel. */
function askAltText(): string | null {
  let message = adminText('admin.editor.image.askAlt');
  for (;;) {
    const answer = window.prompt(message, '');
    if (answer === null) return null;
    if (answer.trim() !== '') return answer.trim();
    message = adminText('admin.editor.image.askAltAgain');
  }
}
