// The report as PDF (pdfmake with its bundled Roboto, which draws every Vietnamese letter).
import { createRequire } from 'node:module';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { ReportModel } from './model.ts';

const require = createRequire(import.meta.url);
type PdfMake = {
  setFonts(fonts: unknown): void;
  setUrlAccessPolicy?(cb: (url: string) => boolean): void;
  createPdf(doc: TDocumentDefinitions): { getBuffer(): Promise<Buffer> };
};
const pdfmake = require('pdfmake') as PdfMake;
pdfmake.setFonts(require('pdfmake/fonts/Roboto.js'));
// No fetching of remote images or fonts.
pdfmake.setUrlAccessPolicy?.(() => false);

const MM = 72 / 25.4;

export async function reportToPdf(m: ReportModel): Promise<Buffer> {
  const size = m.font.sizePt;
  const content: Content[] = [
    {
      columns: [
        {
          width: '40%',
          stack: [m.issuingParent, { text: m.issuingBody, bold: true }, '_______', m.number],
          alignment: 'center',
          fontSize: size - 1,
        },
        {
          width: '60%',
          stack: [
            { text: m.nationalTitle, bold: true, fontSize: size - 1 },
            { text: m.motto, bold: true },
            '_______________',
            { text: m.placeAndDate, italics: true },
          ],
          alignment: 'center',
        },
      ],
    },
    { text: m.documentKind, bold: true, alignment: 'center', margin: [0, 18, 0, 0] },
    { text: m.title, bold: true, alignment: 'center', margin: [0, 0, 0, 12] },
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
    defaultStyle: { font: 'Roboto', fontSize: size, lineHeight: 1.2 },
    info: { title: `${m.documentKind} ${m.title}`, creator: 'QuyHoạch' },
    content,
  };
  return pdfmake.createPdf(doc).getBuffer();
}
