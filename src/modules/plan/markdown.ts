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

// Rendering is a pure function of the source, and the same bodies are rendered on every view of
// a page: the HTML is kept by source text, least recently used dropped first, within a budget of
// characters (sources and HTML together) so a plan of any size cannot grow it without bound.
const MEMO_BUDGET_CHARS = 8_000_000;
const memo = new Map<string, string>();
let memoChars = 0;

export function renderMarkdown(source: string): string {
  const src = source ?? '';
  const hit = memo.get(src);
  if (hit !== undefined) {
    memo.delete(src);
    memo.set(src, hit);
    return hit;
  }
  const html = md.render(src);
  const size = src.length + html.length;
  if (size > MEMO_BUDGET_CHARS / 100) return html;
  memo.set(src, html);
  memoChars += size;
  for (const [k, v] of memo) {
    if (memoChars <= MEMO_BUDGET_CHARS) break;
    memo.delete(k);
    memoChars -= k.length + v.length;
  }
  return html;
}

/** Plain text of a Markdown body (for search, descriptions and PDFs). */
export function markdownToText(source: string): string {
  return (source ?? '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`>#]/g, '')
    .replace(/^\s*-\s+/gm, '• ')
    .trim();
}
