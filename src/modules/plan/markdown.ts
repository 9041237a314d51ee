// Section bodies are Markdown written by planners; rendered with raw HTML
// disabled and only http(s)/relative links, so nothing typed can run as script.
import MarkdownIt from 'markdown-it';

const md = new MarkdownIt({ html: false, linkify: true, typographer: false });
const defaultValidate = md.validateLink.bind(md);
md.validateLink = (url: string) => /^(https?:|\/|#|mailto:)/i.test(url.trim()) && defaultValidate(url);

const defaultLinkOpen =
  md.renderer.rules.link_open ??
  ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  const href = String(tokens[idx]?.attrGet('href') ?? '');
  if (/^https?:/i.test(href)) tokens[idx]?.attrSet('rel', 'noopener noreferrer external');
  return defaultLinkOpen(tokens, idx, options, env, self);
};

export function renderMarkdown(source: string): string {
  return md.render(source ?? '');
}

/** Plain text of a Markdown body (for search, descriptions and PDFs). */
export function markdownToText(source: string): string {
  return (source ?? '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`>#]/g, '')
    .replace(/^\s*-\s+/gm, '• ')
    .trim();
}
