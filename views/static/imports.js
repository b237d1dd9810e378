// Import progress without a reload (views/admin-imports.hbs, admin-import.hbs): while an
// import shown is unfinished, polls the JSON its page names (data-poll-url: GET /api/imports
// or /api/imports/:id) every 2 s and writes the figures into the [data-field] elements and
// the <progress data-bar> of the element with its data-import-id. Stops once every import
// the page showed unfinished has finished, or when the server refuses (logged out). The
// page shows the same figures at load: without this script it is only not live.
(() => {
  const root = document.querySelector('[data-poll-url]');
  if (!root) return;
  const url = root.dataset.pollUrl;
  const INTERVAL_MS = 2000;
  const number = (n) => (typeof n === 'number' ? n.toLocaleString('en-GB') : '–');
  const scopeOf = (id) => (root.dataset.importId === String(id) ? root : root.querySelector(`[data-import-id="${id}"]`));
  const watched = new Set([...document.querySelectorAll('[data-import-id]')].filter((el) => el.dataset.state !== 'finished').map((el) => el.dataset.importId));

  const show = (imp) => {
    const scope = scopeOf(imp.id);
    if (!scope) return;
    for (const el of scope.querySelectorAll('[data-field]')) {
      const name = el.dataset.field;
      if (!(name in imp)) continue;
      el.textContent = name === 'state' ? imp.state : number(imp[name]);
    }
    const bar = scope.querySelector('progress[data-bar]');
    if (bar) {
      bar.max = Math.max(imp.records, 1);
      bar.value = imp.done;
      bar.textContent = `${imp.done} of ${imp.records}`;
    }
    scope.dataset.state = imp.state;
    // An import's page lists its failed and rejected records as they were at load.
    const stale = scope.querySelector('[data-records-stale]');
    if (stale && scope.dataset.problems !== undefined) stale.hidden = imp.failed + imp.rejected === Number(scope.dataset.problems);
    if (imp.state === 'finished') watched.delete(String(imp.id));
  };

  const poll = async () => {
    let res;
    try {
      res = await fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
    } catch {
      setTimeout(poll, INTERVAL_MS); // the network blinked: try again
      return;
    }
    if (!res.ok) return; // logged out, or the import was deleted: the page says what it knew
    const body = await res.json();
    for (const imp of body.imports ?? [body.import]) show(imp);
    if (watched.size > 0) setTimeout(poll, INTERVAL_MS);
  };
  if (watched.size > 0) setTimeout(poll, INTERVAL_MS);
})();
