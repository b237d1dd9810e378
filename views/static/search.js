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
