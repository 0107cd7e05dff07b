// Drag a front-page slot onto another to swap them. The Up/Down buttons do the same without JS;
// this only posts the same move form, so the server's checks and the page cache purge are shared.
const list = document.querySelector('.front-slots');
if (list) {
  let from = null;
  list.addEventListener('dragstart', (e) => {
    const li = e.target.closest('.front-slot');
    if (!li) return;
    from = li.dataset.slot;
    li.classList.add('dragging');
    e.dataTransfer.effectAllowed = 'move';
    e.dataTransfer.setData('text/plain', from);
  });
  list.addEventListener('dragend', (e) => {
    e.target.closest('.front-slot')?.classList.remove('dragging');
    list.querySelectorAll('.drop-target').forEach((el) => el.classList.remove('drop-target'));
  });
  list.addEventListener('dragover', (e) => {
    const li = e.target.closest('.front-slot');
    if (!li || from === null) return;
    e.preventDefault();
    list.querySelectorAll('.drop-target').forEach((el) => el !== li && el.classList.remove('drop-target'));
    li.classList.add('drop-target');
  });
  list.addEventListener('drop', (e) => {
    const li = e.target.closest('.front-slot');
    if (!li || from === null || li.dataset.slot === from) return;
    e.preventDefault();
    const form = document.createElement('form');
    form.method = 'post';
    form.action = '/admin/front-page/move';
    for (const [name, value] of [
      ['_csrf', list.dataset.csrf],
      ['from', from],
      ['to', li.dataset.slot],
    ]) {
      const input = document.createElement('input');
      input.type = 'hidden';
      input.name = name;
      input.value = value;
      form.append(input);
    }
    document.body.append(form);
    form.submit();
  });
}
