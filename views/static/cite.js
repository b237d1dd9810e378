// "Cite" on statements (views/partials/cite.hbs). The server renders each citation in the
// default style; this adds a style picker (the styles of #cite-styles) and a Copy button.
// The chosen style is remembered (localStorage) and applied to every Cite on the page: each is
// fetched from GET /api/statements/:id/citation when shown, once per article and style, since
// a statement's citation is its article's.
(() => {
  const template = document.getElementById('cite-styles');
  const cites = [...document.querySelectorAll('details.cite')];
  if (!template || cites.length === 0) return;
  const STORE_KEY = 'verbatim.citeStyle';
  const styles = [...template.content.querySelectorAll('option')].map((o) => o.value);
  const defaultStyle = template.dataset.default;
  const remembered = (() => {
    try {
      return localStorage.getItem(STORE_KEY);
    } catch {
      return null; // storage refused (private mode): the default style
    }
  })();
  let chosen = styles.includes(remembered) ? remembered : defaultStyle;
  /** `${article}|${style}` → Promise of the citation text. */
  const texts = new Map();

  const parts = (cite) => ({
    text: cite.querySelector('.cite-text'),
    select: cite.querySelector('.cite-style'),
    status: cite.querySelector('.cite-status'),
  });

  const say = (status, message, isError = false) => {
    // Emptied first, so the same words said twice are announced twice.
    status.textContent = '';
    status.classList.toggle('is-error', isError);
    setTimeout(() => {
      status.textContent = message;
    }, 50);
  };

  const citationOf = (cite, style) => {
    const key = `${cite.dataset.article}|${style}`;
    if (!texts.has(key)) {
      const url = `/api/statements/${encodeURIComponent(cite.dataset.statement)}/citation?style=${encodeURIComponent(style)}`;
      const pending = fetch(url, { headers: { accept: 'application/json' } }).then(async (res) => {
        if (!res.ok) throw new Error(`citation: HTTP ${res.status}`);
        return (await res.json()).citation;
      });
      pending.catch(() => texts.delete(key)); // a failure is tried again next time
      texts.set(key, pending);
    }
    return texts.get(key);
  };

  /** Shows `cite` in the chosen style (if it shows another one). */
  const refresh = async (cite) => {
    const style = chosen;
    if (cite.dataset.shown === style) return;
    const { text, select, status } = parts(cite);
    select.value = style;
    text.setAttribute('aria-busy', 'true');
    try {
      const citation = await citationOf(cite, style);
      if (style !== chosen) return; // another style was picked meanwhile
      text.textContent = citation;
      cite.dataset.shown = style;
    } catch {
      if (style !== chosen) return;
      select.value = cite.dataset.shown; // the picker names the style the text is in
      say(status, 'The citation could not be loaded in this style. Try again.', true);
    } finally {
      if (style === chosen) text.removeAttribute('aria-busy');
    }
  };

  /** The picked style for the whole page: remembered, and shown in every open Cite (closed ones follow when opened). */
  const choose = (style) => {
    chosen = style;
    try {
      localStorage.setItem(STORE_KEY, style);
    } catch {
      // not remembered: this page still uses it
    }
    for (const cite of cites) {
      const { select } = parts(cite);
      if (select.options.length) select.value = style;
      if (cite.open) refresh(cite);
    }
  };

  const copy = async (cite) => {
    const { text, status } = parts(cite);
    const words = text.textContent;
    try {
      await navigator.clipboard.writeText(words);
      say(status, 'Copied');
      return;
    } catch {
      // No clipboard access (an http page, or refused): select the text for the reader.
    }
    const range = document.createRange();
    range.selectNodeContents(text);
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    let copied = false;
    try {
      copied = document.execCommand('copy');
    } catch {
      copied = false;
    }
    say(status, copied ? 'Copied' : 'Selected: press Ctrl+C (⌘C on a Mac) to copy');
  };

  for (const cite of cites) {
    const { select } = parts(cite);
    cite.dataset.shown = defaultStyle; // what the server rendered
    cite.querySelector('.cite-controls').hidden = false;
    cite.querySelector('.cite-note').hidden = true;
    // The options are filled when a Cite is first opened: a page of 100 hits stays light.
    const fill = () => {
      if (select.options.length) return;
      select.append(template.content.cloneNode(true));
      select.value = chosen;
    };
    cite.addEventListener('toggle', () => {
      if (!cite.open) return;
      fill();
      refresh(cite);
    });
    select.addEventListener('change', () => choose(select.value));
    cite.querySelector('.cite-copy').addEventListener('click', () => copy(cite));
  }
})();
