// Reads the text and the font names of a PDF written by pdfmake/pdfkit, without poppler:
// inflates the streams, reads each font's ToUnicode map and decodes the TJ/Tj strings.
// Enough for tests of our own PDFs (Identity-H fonts, hex strings); not a general parser.
import zlib from 'node:zlib';

type PdfObject = { dict: string; stream: Buffer | null };

function objects(pdf: Buffer): Map<number, PdfObject> {
  const text = pdf.toString('latin1');
  const out = new Map<number, PdfObject>();
  // Object by object, reading each stream by its /Length: a binary stream (an embedded
  // font) may hold the bytes "endobj" or "endstream" by chance.
  const re = /(\d+) 0 obj\s*/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const from = m.index + m[0].length;
    const endobj = text.indexOf('endobj', from);
    const streamAt = text.indexOf('stream', from);
    if (streamAt < 0 || (endobj >= 0 && endobj < streamAt)) {
      out.set(Number(m[1]), { dict: text.slice(from, endobj < 0 ? undefined : endobj), stream: null });
      continue;
    }
    const dict = text.slice(from, streamAt);
    let start = streamAt + 'stream'.length;
    if (text[start] === '\r') start++;
    if (text[start] === '\n') start++;
    const length = /\/Length (\d+)(?! \d+ R)/.exec(dict);
    const end = length ? start + Number(length[1]) : text.indexOf('endstream', start);
    let raw = pdf.subarray(start, end);
    if (!length && raw.at(-1) === 0x0a) raw = raw.subarray(0, -1);
    if (!length && raw.at(-1) === 0x0d) raw = raw.subarray(0, -1);
    const stream = /\/FlateDecode/.test(dict) ? zlib.inflateSync(raw) : raw;
    out.set(Number(m[1]), { dict, stream });
    re.lastIndex = text.indexOf('endobj', end);
  }
  return out;
}

function hexToCodes(hex: string): number[] {
  const clean = hex.replace(/\s/g, '');
  const codes: number[] = [];
  for (let i = 0; i + 4 <= clean.length; i += 4) codes.push(Number.parseInt(clean.slice(i, i + 4), 16));
  return codes;
}

function unicodeOf(hex: string): string {
  return String.fromCharCode(...hexToCodes(hex));
}

/** code → text from a ToUnicode CMap (bfchar, and bfrange in both its forms). */
function toUnicode(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g))
    for (const m of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g))
      map.set(Number.parseInt(m[1]!, 16), unicodeOf(m[2]!));
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g))
    for (const m of block[1]!.matchAll(
      /<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F]+>)/g,
    )) {
      const lo = Number.parseInt(m[1]!, 16);
      const hi = Number.parseInt(m[2]!, 16);
      const dst = m[3]!;
      if (dst.startsWith('[')) {
        const items = [...dst.matchAll(/<([0-9a-fA-F]+)>/g)].map((x) => unicodeOf(x[1]!));
        items.forEach((u, i) => {
          if (lo + i <= hi) map.set(lo + i, u);
        });
      } else {
        const first = Number.parseInt(dst.slice(1, -1), 16);
        for (let c = lo; c <= hi; c++) map.set(c, String.fromCharCode(first + c - lo));
      }
    }
  return map;
}

export function pdfFonts(pdf: Buffer): string[] {
  const names = new Set<string>();
  for (const o of objects(pdf).values())
    for (const m of o.dict.matchAll(/\/BaseFont\s*\/([^\s/<>[\]]+)/g))
      names.add(m[1]!.replace(/^[A-Z]{6}\+/, ''));
  return [...names];
}

export function pdfText(pdf: Buffer): string {
  const objs = objects(pdf);
  // Font resource name (/F1) → its ToUnicode map.
  const maps = new Map<string, Map<number, string>>();
  for (const o of objs.values())
    for (const block of o.dict.matchAll(/\/Font\s*<<([\s\S]*?)>>/g))
      for (const m of block[1]!.matchAll(/\/([^\s/]+)\s+(\d+) 0 R/g)) {
        const font = objs.get(Number(m[2]));
        const ref = font && /\/ToUnicode\s+(\d+) 0 R/.exec(font.dict);
        const cmap = ref ? objs.get(Number(ref[1]))?.stream : null;
        if (cmap) maps.set(m[1]!, toUnicode(cmap.toString('latin1')));
      }
  let out = '';
  for (const o of objs.values()) {
    if (!o.stream || /\/Type\s*\/(XObject|FontFile|Metadata)/.test(o.dict) || /\/Length1/.test(o.dict))
      continue;
    const content = o.stream.toString('latin1');
    if (!/\bBT\b/.test(content)) continue;
    let map: Map<number, string> | undefined;
    // Words of a line share its baseline (the y of Tm); a new y starts a new line.
    let y: string | null = null;
    const token =
      /\/([^\s/]+)\s+[\d.]+\s+Tf|\[((?:[^\]]|\\\])*)\]\s*TJ|<([0-9a-fA-F\s]*)>\s*Tj|(?:-?[\d.]+\s+){5}(-?[\d.]+)\s+Tm/g;
    for (let m = token.exec(content); m; m = token.exec(content)) {
      if (m[1] !== undefined) map = maps.get(m[1]);
      else if (m[2] !== undefined || m[3] !== undefined) {
        const hexes =
          m[2] !== undefined ? [...m[2].matchAll(/<([0-9a-fA-F\s]*)>/g)].map((x) => x[1]!) : [m[3]!];
        for (const h of hexes) for (const c of hexToCodes(h)) out += map?.get(c) ?? '';
      } else if (m[4] !== y) {
        if (y !== null) out += '\n';
        y = m[4]!;
      }
    }
  }
  return out.normalize('NFC');
}
