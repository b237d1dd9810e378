// Who said it, without a mouse (issue #13 point 4). Each highlight (mark.stmt) names its
// statements' notes in aria-describedby (screen readers read them on focus); this shows the
// same notes in a card under the highlight when it gets keyboard focus or is tapped/clicked,
// and hides it on Escape or when focus leaves. The notes are the side layout's list
// (views/partials/side-notes.hbs), so both layouts say the same thing.
(() => {
  const body = document.querySelector('.article-body');
  const card = document.getElementById('who-card');
  if (!body || !card) return;
  let shownFor = null;

  /** Fills the card with a copy of each note the highlight names, without their ids. */
  function fill(mark) {
    card.replaceChildren();
    for (const id of (mark.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean)) {
      const note = document.getElementById(id);
      if (!note) continue;
      const line = document.createElement('p');
      const copy = note.cloneNode(true);
      copy.removeAttribute('id');
      for (const el of copy.querySelectorAll('[id]')) el.removeAttribute('id');
      line.append(copy);
      card.append(line);
    }
  }

  /** Places the card under the highlight's last line, inside the viewport's width. */
  function place(mark) {
    const rects = mark.getClientRects();
    const r = rects[rects.length - 1] ?? mark.getBoundingClientRect();
    card.style.top = `${window.scrollY + r.bottom + 6}px`;
    const width = card.offsetWidth;
    const left = Math.min(Math.max(4, r.left), Math.max(4, document.documentElement.clientWidth - width - 4));
    card.style.left = `${window.scrollX + left}px`;
  }

  function show(mark) {
    if (shownFor && shownFor !== mark) shownFor.classList.remove('is-shown');
    fill(mark);
    card.hidden = false;
    place(mark);
    mark.classList.add('is-shown');
    shownFor = mark;
  }

  function hide() {
    card.hidden = true;
    shownFor?.classList.remove('is-shown');
    shownFor = null;
  }

  const markOf = (target) => (target instanceof Element ? target.closest('mark.stmt') : null);
  body.addEventListener('focusin', (e) => {
    const mark = markOf(e.target);
    if (mark) show(mark);
  });
  body.addEventListener('focusout', (e) => {
    if (!markOf(e.relatedTarget)) hide();
  });
  // A tap or click: touch browsers do not always focus the highlight, so show it here too
  // (a selection for an annotation is left alone).
  body.addEventListener('click', (e) => {
    const mark = markOf(e.target);
    if (!mark) return;
    const selection = document.getSelection();
    if (selection && !selection.isCollapsed) return;
    show(mark);
  });
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && shownFor) hide();
  });
  window.addEventListener('resize', () => { if (shownFor) place(shownFor); });
})();
