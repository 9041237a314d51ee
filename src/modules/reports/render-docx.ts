// The report as DOCX in the format of Decree 30/2020/NĐ-CP: national title and motto
// top right, issuing body top left, number and symbol, place and date, document kind
// and title centred, Times New Roman, A4 with the decree's margins.
import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  UnderlineType,
  WidthType,
} from 'docx';
import { type BodyTable, type ReportModel, textLengthMm } from './model.ts';

/** Millimetres to twips, rounded (docx's helper truncates: A4 would be 11905 × 16837). */
const mm = (v: number) => Math.round((v * 1440) / 25.4);

const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const NO_BORDERS = {
  top: NONE,
  bottom: NONE,
  left: NONE,
  right: NONE,
  insideHorizontal: NONE,
  insideVertical: NONE,
};

export async function reportToDocx(m: ReportModel): Promise<Buffer> {
  const size = m.font.sizePt * 2; // half-points
  const small = (m.font.sizePt - 1) * 2;
  const run = (text: string, opts: { bold?: boolean; italics?: boolean; size?: number } = {}) =>
    new TextRun({
      text,
      font: m.font.family,
      size: opts.size ?? size,
      bold: opts.bold,
      italics: opts.italics,
    });
  const centred = (children: TextRun[], after = 0) =>
    new Paragraph({ alignment: AlignmentType.CENTER, children, spacing: { after } });
  const cell = (children: Paragraph[], widthPct: number) =>
    new TableCell({
      children,
      width: { size: widthPct, type: WidthType.PERCENTAGE },
      borders: { top: NONE, bottom: NONE, left: NONE, right: NONE },
    });

  // Decree 30: a solid line under the issuing body (1/3 to 1/2 of its length), under the
  // motto (as long as the motto: the motto itself is underlined) and under the title.
  const textWidthMm = 210 - m.marginsMm.left - m.marginsMm.right;
  const line = (lengthMm: number, withinMm: number) => {
    const side = Math.max(0, (withinMm - lengthMm) / 2);
    return new Paragraph({
      children: [],
      spacing: { before: 0, after: 0, line: 120, lineRule: 'exact' },
      indent: { left: mm(side), right: mm(side) },
      border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
    });
  };
  const leftColumnMm = textWidthMm * 0.4;
  const bodyLineMm = Math.min(
    leftColumnMm * 0.8,
    Math.max(15, textLengthMm(m.issuingBody, m.font.sizePt - 1) * 0.4),
  );

  const heading = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: NO_BORDERS,
    rows: [
      new TableRow({
        children: [
          cell(
            [
              centred([run(m.issuingParent, { size: small })]),
              centred([run(m.issuingBody, { bold: true, size: small })]),
              line(bodyLineMm, leftColumnMm),
              new Paragraph({
                alignment: AlignmentType.CENTER,
                spacing: { before: 120 },
                children: [run(m.number, { size: small })],
              }),
            ],
            40,
          ),
          cell(
            [
              centred([run(m.nationalTitle, { bold: true, size: small })]),
              centred([
                new TextRun({
                  text: m.motto,
                  font: m.font.family,
                  size,
                  bold: true,
                  underline: { type: UnderlineType.SINGLE, color: '000000' },
                }),
              ]),
              new Paragraph({
                alignment: AlignmentType.CENTER,
                spacing: { before: 240 },
                children: [run(m.placeAndDate, { italics: true })],
              }),
            ],
            60,
          ),
        ],
      }),
    ],
  });

  const table = (t: BodyTable) =>
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: [
        new TableRow({
          tableHeader: true,
          children: t.headers.map(
            (h) => new TableCell({ children: [centred([run(h, { bold: true, size: 24 })])] }),
          ),
        }),
        ...t.rows.map(
          (r) =>
            new TableRow({
              children: r.map(
                (v) =>
                  new TableCell({
                    children: [new Paragraph({ children: [run(v === null ? '' : String(v), { size: 24 })] })],
                  }),
              ),
            }),
        ),
      ],
    });

  const body: (Paragraph | Table)[] = [];
  for (const s of m.sections) {
    body.push(
      new Paragraph({ children: [run(s.heading, { bold: true })], spacing: { before: 240, after: 120 } }),
    );
    for (const p of s.paragraphs)
      body.push(
        new Paragraph({
          children: [run(p)],
          alignment: AlignmentType.JUSTIFIED,
          indent: { firstLine: mm(10) },
          spacing: { after: 120, line: 300 },
        }),
      );
    for (const t of s.tables) {
      body.push(
        new Paragraph({ children: [run(t.title, { italics: true })], spacing: { before: 120, after: 60 } }),
      );
      body.push(table(t));
      if (t.note)
        body.push(
          new Paragraph({ children: [run(t.note, { italics: true, size: 24 })], spacing: { before: 60 } }),
        );
    }
  }

  const signature = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: NO_BORDERS,
    rows: [
      new TableRow({
        children: [
          cell(
            [
              new Paragraph({ children: [run('Nơi nhận:', { bold: true, italics: true, size: 24 })] }),
              ...m.recipients.map((r) => new Paragraph({ children: [run(`- ${r}`, { size: 22 })] })),
            ],
            50,
          ),
          cell(
            [
              centred([run(m.signerTitle, { bold: true })], 1200),
              centred([run(m.signerName, { bold: true })]),
            ],
            50,
          ),
        ],
      }),
    ],
  });

  const doc = new Document({
    creator: 'QuyHoạch',
    title: `${m.documentKind} ${m.title}`,
    styles: { default: { document: { run: { font: m.font.family, size } } } },
    sections: [
      {
        // Page numbers at the top centre, from the second page on (Decree 30, Appendix I).
        headers: {
          first: new Header({ children: [] }),
          default: new Header({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ children: [PageNumber.CURRENT], font: m.font.family, size })],
              }),
            ],
          }),
        },
        properties: {
          titlePage: true,
          page: {
            size: { width: mm(210), height: mm(297) },
            margin: {
              top: mm(m.marginsMm.top),
              bottom: mm(m.marginsMm.bottom),
              left: mm(m.marginsMm.left),
              right: mm(m.marginsMm.right),
            },
          },
        },
        children: [
          heading,
          new Paragraph({ children: [], spacing: { after: 240 } }),
          centred([run(m.documentKind, { bold: true })]),
          centred([run(m.title, { bold: true })]),
          line(textWidthMm / 4, textWidthMm),
          new Paragraph({ children: [], spacing: { after: 120 } }),
          ...body,
          new Paragraph({ children: [], spacing: { after: 240 } }),
          signature,
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
