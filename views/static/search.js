// The search form leaves out what says nothing, so its URL is /search?q=x rather than
// /search?q=x&speaker=&outlet=&...: empty fields, the default match (words), and the sort
// box when the user did not change it (the server then applies the sort for the words:
// relevance with words, newest without). Disabled fields are not submitted.
(() => {
  const form = document.querySelector('form.search-form');
  if (!form) return;
  const sort = form.querySelector('select[name=sort]');
  let sortChanged = false;
  sort?.addEventListener('change', () => { sortChanged = true; });
  form.addEventListener('submit', () => {
    for (const field of form.elements) {
      if (!field.name || field.disabled) continue;
      const empty = typeof field.value === 'string' && field.value.trim() === '';
      const defaultMode = field.name === 'mode' && field.value === 'text';
      const untouchedSort = field === sort && !sortChanged;
      if (empty || defaultMode || untouchedSort) field.disabled = true;
    }
    // Back in the history, the page comes from the cache with the fields still disabled.
    addEventListener('pageshow', () => { for (const field of form.elements) field.disabled = false; }, { once: true });
  });
})();

// Speaker box: suggestions from /api/speakers/autocomplete as the user types (a <datalist>,
// so the box stays a plain text field that works without this script).
(() => {
  const input = document.querySelector('input[data-autocomplete]');
  const list = input && document.getElementById(input.getAttribute('list'));
  if (!input || !list) return;
  let timer;
  let controller;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const q = input.value.trim();
      if (q.length < 2) return;
      controller?.abort();
      controller = new AbortController();
      try {
        const res = await fetch(`${input.dataset.autocomplete}?q=${encodeURIComponent(q)}`, { signal: controller.signal });
        if (!res.ok) return;
        const { speakers } = await res.json();
        list.replaceChildren(...speakers.map((s) => Object.assign(document.createElement('option'), { value: s.name })));
      } catch {
        // aborted or offline: keep the old suggestions
      }
    }, 150);
  });
})();
