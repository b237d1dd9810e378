// Review queue keys: j/k move the focused row, v verifies it, c opens its correction (or
// suggestion) form, r rejects it. Every row also has plain forms and links: this only
// presses them. Keys typed into a field are left alone.
(() => {
  const list = document.querySelector('.review-queue');
  if (!list) return;
  const rows = () => [...list.querySelectorAll('.review-row')];
  let index = -1;
  const focus = (i) => {
    const all = rows();
    if (all.length === 0) return;
    index = Math.max(0, Math.min(i, all.length - 1));
    all.forEach((row, n) => row.classList.toggle('focused', n === index));
    all[index].focus();
    all[index].scrollIntoView({ block: 'nearest' });
  };
  document.addEventListener('keydown', (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const target = event.target;
    if (target instanceof HTMLElement && target.closest('input, textarea, select, [contenteditable]')) return;
    const row = rows()[index];
    switch (event.key) {
      case 'j': focus(index + 1); break;
      case 'k': focus(index - 1); break;
      case 'v': row?.querySelector('form.verify-form')?.requestSubmit(); break;
      case 'c': row?.querySelector('a.correct-link')?.click(); break;
      case 'r': row?.querySelector('form.reject-form')?.requestSubmit(); break;
      default: return;
    }
    event.preventDefault();
  });
  list.addEventListener('focusin', (event) => {
    const row = event.target instanceof HTMLElement ? event.target.closest('.review-row') : null;
    if (row) {
      index = rows().indexOf(row);
      rows().forEach((r) => r.classList.toggle('focused', r === row));
    }
  });
})();
