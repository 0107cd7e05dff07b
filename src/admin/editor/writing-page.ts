/// <reference lib="dom" />
/**
 * The writing page around the body editor: growing headline and standfirst, the hero image
 * (drop, paste or choose; uploaded at once through /admin/media), the settings panel folded on a
 * phone, the pickers, the primary button that says what it will do, the state line and autosave.
 * Every part checks for its own elements and does nothing on a page without them.
 */
import { uploadImage } from './image-upload.js';
import { mountBylinePicker, mountRelatedPicker, mountSectionChoice, mountSourceRows, mountTagPicker } from './pickers.js';
import { mountWritingState } from './writing-state.js';
import { adminText } from './editor-text.js';

export function mountWritingPage(): void {
  const form = document.getElementById('article-form');
  if (!(form instanceof HTMLFormElement) || !form.classList.contains('writing')) return;
  for (const id of ['f-headline', 'f-standfirst']) growWithText(document.getElementById(id));
  mountHeroPicker(form);
  foldSettingsOnPhones();
  mountSectionChoice();
  mountTagPicker();
  mountBylinePicker();
  mountSourceRows();
  mountRelatedPicker();
  // Last: it takes its snapshot of the form once the pickers have set their fields.
  mountWritingState(form);
}

/** Without CSS `field-sizing: content`, the textarea's rows follow its text (no inline style needed). */
function growWithText(field: HTMLElement | null): void {
  if (!(field instanceof HTMLTextAreaElement)) return;
  if (typeof CSS !== 'undefined' && CSS.supports('field-sizing', 'content')) return;
  const fit = () => {
    field.rows = 1;
    while (field.scrollHeight > field.clientHeight && field.rows < 12) field.rows += 1;
  };
  field.addEventListener('input', fit);
  window.addEventListener('resize', fit);
  fit();
}

/** On a narrow screen the settings start folded under the story, unless one of them needs fixing. */
function foldSettingsOnPhones(): void {
  const panel = document.getElementById('writing-meta');
  if (!(panel instanceof HTMLDetailsElement)) return;
  if (window.matchMedia('(max-width: 60rem)').matches && !panel.querySelector('.field-error')) panel.open = false;
}

function mountHeroPicker(form: HTMLFormElement): void {
  const drop = document.getElementById('hero-drop');
  const file = document.getElementById('f-hero_file');
  const mediaId = document.getElementById('f-hero_media_id');
  const status = document.getElementById('hero-status');
  if (!drop || !(file instanceof HTMLInputElement) || !(mediaId instanceof HTMLInputElement) || !status) return;
  const url = drop.dataset.uploadUrl ?? '/admin/media';
  const csrf = () => form.querySelector<HTMLInputElement>('input[name="_csrf"]')?.value ?? null;
  const say = (text: string) => {
    status.textContent = text;
  };
  drop.tabIndex = 0;
  drop.setAttribute('aria-describedby', 'hero-status');
  drop.setAttribute('aria-label', adminText('admin.editor.hero.drop'));

  // A submit during an upload waits for it: the form then carries the stored image's id, and the
  // same file is never stored twice at once.
  let uploading: Promise<void> | null = null;
  form.addEventListener('submit', (event) => {
    if (!uploading) return;
    event.preventDefault();
    const submitter = event.submitter instanceof HTMLButtonElement ? event.submitter : null;
    void uploading.finally(() => form.requestSubmit(submitter));
  });
  const use = (chosen: File) => {
    const done = upload(chosen).finally(() => {
      uploading = null;
    });
    uploading = done;
    return done;
  };

  const upload = async (chosen: File) => {
    if (!chosen.type.startsWith('image/')) return say(adminText('admin.editor.hero.notImage', { file: chosen.name }));
    say(adminText('admin.editor.image.uploading', { file: chosen.name }));
    drop.classList.add('is-busy');
    const result = await uploadImage({ url, file: chosen, csrfToken: csrf() });
    drop.classList.remove('is-busy');
    // The file is stored; the form now carries its id, not the file a second time.
    file.value = '';
    if (!result.ok) return say(adminText('admin.editor.hero.refused', { reason: result.message }));
    if (result.image.id === null) return say(adminText('admin.editor.hero.noId'));
    mediaId.value = String(result.image.id);
    let img = document.getElementById('hero-preview');
    if (!(img instanceof HTMLImageElement)) {
      img = document.createElement('img');
      img.id = 'hero-preview';
      img.className = 'hero-preview';
      drop.querySelector('.hero-empty')?.replaceWith(img);
      if (!img.isConnected) drop.prepend(img);
    }
    const alt = document.getElementById('f-heroAlt') as HTMLInputElement | null;
    (img as HTMLImageElement).src = result.image.src;
    (img as HTMLImageElement).alt = alt?.value ?? '';
    mediaId.dispatchEvent(new Event('input', { bubbles: true }));
    say(alt && alt.value.trim() === '' ? adminText('admin.editor.hero.uploadedDescribe') : adminText('admin.editor.hero.uploaded'));
    if (alt && alt.value.trim() === '') alt.focus();
  };

  file.addEventListener('change', () => {
    const chosen = file.files?.[0];
    if (chosen) void use(chosen);
  });
  drop.addEventListener('dragover', (e) => {
    e.preventDefault();
    drop.classList.add('is-over');
  });
  drop.addEventListener('dragleave', () => drop.classList.remove('is-over'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('is-over');
    const chosen = e.dataTransfer?.files[0];
    if (chosen) void use(chosen);
  });
  drop.addEventListener('paste', (e) => {
    const chosen = [...(e.clipboardData?.files ?? [])].find((f) => f.type.startsWith('image/'));
    if (chosen) {
      e.preventDefault();
      void use(chosen);
    }
  });
}
