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


// Speaker, outlet and agency boxes: suggestions from their autocomplete endpoint (the input's
// data-autocomplete; the answer's one list: speakers, outlets or agencies) as the user types,
// in a <datalist>, so each box stays a plain text field that works without this script.
for (const input of document.querySelectorAll('input[data-autocomplete]')) {
  const list = document.getElementById(input.getAttribute('list'));
  if (!list) continue;
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
        const body = await res.json();
        const items = Object.values(body).find(Array.isArray) ?? [];
        // Another name matched ("AFP" for Agence France-Presse): show it beside the name.
        list.replaceChildren(...items.map((s) => {
          const option = Object.assign(document.createElement('option'), { value: s.name });
          if (s.alias && s.alias !== s.name) option.label = s.alias;
          return option;
        }));
      } catch {
        // aborted or offline: keep the old suggestions
      }
    }, 150);
  });
}
