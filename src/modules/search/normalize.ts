// Text folding for Vietnamese search: lower case, diacritics removed, đ → d.
// Folding is done character by character so the folded text has the same
// length as the original and a match found in one marks the other.

const MARKS = /[\u0300-\u036f]/g;

function foldChar(c: string): string {
  const lower = c.toLowerCase();
  if (lower === 'đ') return 'd';
  const base = lower.normalize('NFD').replace(MARKS, '');
  return base.length === 1 ? base : lower.length === 1 ? lower : c;
}

/** "Khu công nghiệp Yên Bình" → "khu cong nghiep yen binh" (same length as the input). */
export function foldVietnamese(text: string): string {
  let out = '';
  for (const c of text) {
    const f = foldChar(c);
    // Keep one UTF-16 unit per input unit so indexes stay aligned.
    out += f.length === c.length ? f : c;
  }
  return out;
}

/** The words of a query, folded, without punctuation; at most 12. */
export function queryTokens(q: string): string[] {
  return foldVietnamese(q)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .slice(0, 12);
}

/** Levenshtein distance, capped: returns max+1 as soon as it is certainly larger. */
export function editDistance(a: string, b: string, max = 2): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      if (v < best) best = v;
    }
    if (best > max) return max + 1;
    prev = cur;
  }
  return prev[b.length]!;
}

const escapes: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => escapes[c]!);

/** Does a folded word match a folded query token (exactly, as a prefix, or with one wrong letter)? */
function wordMatches(word: string, token: string): boolean {
  if (word === token) return true;
  if (token.length >= 3 && word.startsWith(token)) return true;
  return token.length >= 4 && editDistance(word, token, 1) <= 1;
}

/**
 * A short extract of `text` around the best match, HTML-escaped, the matched
 * words wrapped in <mark>. Safe to insert as HTML: everything else is escaped.
 */
export function highlightSnippet(text: string, tokens: string[], maxLength = 220): string {
  const folded = foldVietnamese(text);
  const words: { start: number; end: number }[] = [];
  for (const m of folded.matchAll(/[\p{L}\p{N}]+/gu)) {
    const word = m[0];
    if (tokens.some((t) => wordMatches(word, t))) words.push({ start: m.index, end: m.index + word.length });
  }
  let from = 0;
  let to = Math.min(text.length, maxLength);
  if (words.length && text.length > maxLength) {
    from = Math.max(0, words[0]!.start - 60);
    to = Math.min(text.length, from + maxLength);
    // Start and end on word boundaries.
    if (from > 0) from = text.indexOf(' ', from) + 1 || from;
    if (to < text.length) to = text.lastIndexOf(' ', to) > from ? text.lastIndexOf(' ', to) : to;
  }
  let out = from > 0 ? '… ' : '';
  let pos = from;
  for (const w of words) {
    if (w.end <= from || w.start >= to) continue;
    const s = Math.max(w.start, pos);
    out += escapeHtml(text.slice(pos, s));
    out += `<mark>${escapeHtml(text.slice(s, Math.min(w.end, to)))}</mark>`;
    pos = Math.min(w.end, to);
  }
  out += escapeHtml(text.slice(pos, to));
  if (to < text.length) out += ' …';
  return out;
}
