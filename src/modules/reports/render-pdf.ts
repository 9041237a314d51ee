// The report as PDF. Decree 30 asks for Times New Roman; the PDF uses a Times-like serif
// face with every Vietnamese letter when one is installed (Liberation Serif 2, metric-compatible
// with Times New Roman, from Debian's fonts-liberation2 — the older fonts-liberation 1.x lacks
// letters such as Ộ and Ở, so it is never used; else DejaVu Serif Condensed from fonts-dejavu-extra),
// and otherwise pdfmake's bundled Roboto, which also draws every Vietnamese letter.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import { type ReportModel, textLengthMm } from './model.ts';

const require = createRequire(import.meta.url);
type PdfMake = {
  setFonts(fonts: unknown): void;
  setUrlAccessPolicy?(cb: (url: string) => boolean): void;
  setLocalAccessPolicy?(cb: (path: string) => boolean): void;
  createPdf(doc: TDocumentDefinitions): { getBuffer(): Promise<Buffer> };
};
type FontFiles = { normal: string; bold: string; italics: string; bolditalics: string };

/** Serif faces to look for, best first. */
export const SERIF_CANDIDATES: { family: string; files: FontFiles }[] = [
  {
    family: 'LiberationSerif',
    files: {
      normal: '/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf',
      bold: '/usr/share/fonts/truetype/liberation2/LiberationSerif-Bold.ttf',
      italics: '/usr/share/fonts/truetype/liberation2/LiberationSerif-Italic.ttf',
      bolditalics: '/usr/share/fonts/truetype/liberation2/LiberationSerif-BoldItalic.ttf',
    },
  },
  // DejaVu Serif is wider than Times; its condensed cut keeps the heading lines on one line.
  {
    family: 'DejaVuSerifCondensed',
    files: {
      normal: '/usr/share/fonts/truetype/dejavu/DejaVuSerifCondensed.ttf',
      bold: '/usr/share/fonts/truetype/dejavu/DejaVuSerifCondensed-Bold.ttf',
      italics: '/usr/share/fonts/truetype/dejavu/DejaVuSerifCondensed-Italic.ttf',
      bolditalics: '/usr/share/fonts/truetype/dejavu/DejaVuSerifCondensed-BoldItalic.ttf',
    },
  },
];

/** The face the PDF uses: the first serif candidate whose four files are all installed, else Roboto. */
export function pdfFont(candidates = SERIF_CANDIDATES): { family: string; files: FontFiles } {
  const found = candidates.find((c) => Object.values(c.files).every((f) => fs.existsSync(f)));
  if (found) return found;
  const roboto = require('pdfmake/fonts/Roboto.js') as { Roboto: FontFiles };
  return { family: 'Roboto', files: roboto.Roboto };
}

let printer: { pdfmake: PdfMake; family: string } | null = null;
function pdfPrinter() {
  if (!printer) {
    const pdfmake = require('pdfmake') as PdfMake;
    const font = pdfFont();
    pdfmake.setFonts({ [font.family]: font.files });
    const allowed = new Set<string>(Object.values(font.files));
    // Only the chosen font files may be read; nothing is fetched.
    pdfmake.setLocalAccessPolicy?.((p) => allowed.has(p));
    pdfmake.setUrlAccessPolicy?.(() => false);
    printer = { pdfmake, family: font.family };
  }
  return printer;
}

const MM = 72 / 25.4;

export async function reportToPdf(m: ReportModel): Promise<Buffer> {
  const { pdfmake, family } = pdfPrinter();
  const size = m.font.sizePt;
  const textWidthMm = 210 - m.marginsMm.left - m.marginsMm.right;
  const leftMm = textWidthMm * 0.4;
  const bodyLineMm = Math.min(leftMm * 0.8, Math.max(15, textLengthMm(m.issuingBody, size - 1) * 0.4));
  /** A solid line of the given length, centred in a width (Decree 30's lines under the headings). */
  const line = (lengthMm: number, withinMm: number): Content => ({
    canvas: [
      {
        type: 'line',
        x1: ((withinMm - lengthMm) / 2) * MM,
        y1: 1,
        x2: ((withinMm + lengthMm) / 2) * MM,
        y2: 1,
        lineWidth: 0.6,
      },
    ],
  });
  const content: Content[] = [
    {
      columns: [
        {
          width: '40%',
          stack: [
            { text: m.issuingParent, alignment: 'center' },
            { text: m.issuingBody, bold: true, alignment: 'center' },
            line(bodyLineMm, leftMm),
            { text: m.number, alignment: 'center', margin: [0, 6, 0, 0] },
          ],
          fontSize: size - 1,
        },
        {
          width: '60%',
          stack: [
            // 12 pt (the decree allows 12–13) keeps it on one line in a face wider than Times.
            { text: m.nationalTitle, bold: true, fontSize: Math.max(12, size - 2) },
            { text: m.motto, bold: true, decoration: 'underline' },
            { text: m.placeAndDate, italics: true, margin: [0, 12, 0, 0] },
          ],
          alignment: 'center',
        },
      ],
    },
    { text: m.documentKind, bold: true, alignment: 'center', margin: [0, 18, 0, 0] },
    { text: m.title, bold: true, alignment: 'center' },
    line(textWidthMm / 4, textWidthMm),
    { text: '', margin: [0, 0, 0, 12] },
  ];
  for (const s of m.sections) {
    content.push({ text: s.heading, bold: true, margin: [0, 10, 0, 4] });
    for (const p of s.paragraphs) content.push({ text: p, alignment: 'justify', margin: [0, 0, 0, 6] });
    for (const t of s.tables) {
      content.push({ text: t.title, italics: true, margin: [0, 4, 0, 2] });
      content.push({
        table: {
          headerRows: 1,
          widths: t.headers.map((_, i) => (i === 1 ? '*' : 'auto')),
          body: [
            t.headers.map((h) => ({ text: h, bold: true, fontSize: 10 })),
            ...t.rows.map((r) => r.map((v) => ({ text: v === null ? '' : String(v), fontSize: 10 }))),
          ],
        },
      });
      if (t.note) content.push({ text: t.note, italics: true, fontSize: 11, margin: [0, 2, 0, 0] });
    }
  }
  content.push({
    columns: [
      {
        width: '50%',
        stack: [{ text: 'Nơi nhận:', bold: true, italics: true }, ...m.recipients.map((r) => `- ${r}`)],
        fontSize: 11,
      },
      {
        width: '50%',
        stack: [
          { text: m.signerTitle, bold: true },
          { text: ' ', margin: [0, 40, 0, 0] },
          { text: m.signerName, bold: true },
        ],
        alignment: 'center',
      },
    ],
    margin: [0, 18, 0, 0],
  });
  const doc: TDocumentDefinitions = {
    pageSize: 'A4',
    pageMargins: [
      m.marginsMm.left * MM,
      m.marginsMm.top * MM,
      m.marginsMm.right * MM,
      m.marginsMm.bottom * MM,
    ],
    defaultStyle: { font: family, fontSize: size, lineHeight: 1.2 },
    // Page numbers at the top centre from the second page on (Decree 30, Appendix I).
    header: (page: number) =>
      page > 1
        ? { text: String(page), alignment: 'center', margin: [0, (m.marginsMm.top / 2) * MM, 0, 0] }
        : null,
    info: { title: `${m.documentKind} ${m.title}`, creator: 'QuyHoạch' },
    content,
  };
  return pdfmake.createPdf(doc).getBuffer();
}
