import MarkdownIt from 'markdown-it';

// Annotation notes are Markdown. Raw HTML is off (tags show as text), links may only go to
// http, https and mailto (no javascript:, data:, vbscript:, relative or file links), bare
// URLs become links, and every link opens with rel="nofollow noopener noreferrer ugc".

const SAFE_LINK = /^(https?:|mailto:)/i;

function createRenderer(): MarkdownIt {
  const md = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: true });
  // markdown-it's own validateLink already refuses javascript:, vbscript:, file: and most
  // data:; this narrows it to absolute http(s) and mailto links (an invalid link stays text).
  md.validateLink = (url) => SAFE_LINK.test(url.trim());
  md.disable(['image']);
  const renderToken = md.renderer.renderToken.bind(md.renderer);
  md.renderer.rules.link_open = (tokens, idx, options) => {
    tokens[idx]!.attrSet('rel', 'nofollow noopener noreferrer ugc');
    return renderToken(tokens, idx, options);
  };
  return md;
}

const renderer = createRenderer();

/** A note's Markdown as safe HTML (for {{{ }}} in a template): no raw HTML, only safe links. */
export function renderNote(markdown: string): string {
  return renderer.render(markdown);
}
