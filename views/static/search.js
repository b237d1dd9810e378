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
