// PDF of the plan or of one section, with pdfmake's bundled Roboto (which has
// the Vietnamese letters). Only local font files are read; no URL is fetched.
import { createRequire } from 'node:module';
import path from 'node:path';
import { formatDate } from '../../kernel/i18n/index.ts';
import { markdownToText } from './markdown.ts';
import { plainName } from './paths.ts';
import type { Plan, PlanItem, SectionNode } from './queries.ts';

const require = createRequire(import.meta.url);
type PdfMake = {
  setFonts(f: unknown): void;
  setUrlAccessPolicy(cb: (url: string) => boolean): void;
  setLocalAccessPolicy(cb: (p: string) => boolean): void;
  createPdf(doc: unknown): { getBuffer(): Promise<Buffer> };
};
let pdfmake: PdfMake | undefined;

function engine(): PdfMake {
  if (pdfmake) return pdfmake;
  const lib = require('pdfmake') as PdfMake;
  const dir = path.join(path.dirname(require.resolve('pdfmake/package.json')), 'fonts', 'Roboto');
  lib.setFonts({
    Roboto: {
      normal: path.join(dir, 'Roboto-Regular.ttf'),
      bold: path.join(dir, 'Roboto-Medium.ttf'),
      italics: path.join(dir, 'Roboto-Italic.ttf'),
      bolditalics: path.join(dir, 'Roboto-MediumItalic.ttf'),
    },
  });
  lib.setUrlAccessPolicy(() => false);
  lib.setLocalAccessPolicy((p) => path.resolve(p).startsWith(dir));
  pdfmake = lib;
  return lib;
}

function sectionContent(node: SectionNode, depth: number, items: Map<number, PlanItem>): unknown[] {
  const out: unknown[] = [
    { text: node.titleVi, style: depth === 0 ? 'h1' : depth === 1 ? 'h2' : 'h3', tocItem: depth < 2 },
    { text: markdownToText(node.bodyVi), margin: [0, 0, 0, 6] },
  ];
  const linked = node.itemIds.map((id) => items.get(id)).filter((i): i is PlanItem => !!i);
  if (linked.length)
    out.push({
      ul: linked.map(
        (i) =>
          `${plainName(i.nameVi)}${i.areaHa !== null ? ` — ${String(i.areaHa).replace('.', ',')} ha` : ''}`,
      ),
      margin: [0, 0, 0, 6],
    });
  if (node.sources.length) out.push({ text: `Nguồn: ${node.sources.join(' ; ')}`, style: 'source' });
  for (const c of node.children) out.push(...sectionContent(c, depth + 1, items));
  return out;
}

function document(plan: Plan, title: string, content: unknown[], footerUrl: string) {
  return {
    info: { title, subject: 'Quy hoạch tỉnh', creator: 'QuyHoạch' },
    pageSize: 'A4',
    pageMargins: [56, 56, 56, 56],
    defaultStyle: { font: 'Roboto', fontSize: 10.5, lineHeight: 1.25 },
    styles: {
      title: { fontSize: 16, bold: true, margin: [0, 0, 0, 8] },
      h1: { fontSize: 14, bold: true, margin: [0, 12, 0, 4] },
      h2: { fontSize: 12, bold: true, margin: [0, 8, 0, 3] },
      h3: { fontSize: 11, bold: true, margin: [0, 6, 0, 2] },
      source: { fontSize: 8, color: '#555555', margin: [0, 0, 0, 6] },
    },
    content: [
      { text: plan.nameVi, style: 'title' },
      {
        text: `${plan.decisionType ?? ''} ${plan.decisionNumber ?? ''}${plan.decisionDate ? ` ngày ${formatDate(plan.decisionDate)}` : ''}`.trim(),
        margin: [0, 0, 0, 8],
      },
      ...content,
      { text: `Trích từ ${footerUrl}`, style: 'source', margin: [0, 16, 0, 0] },
    ],
    footer: (page: number, count: number) => ({ text: `${page}/${count}`, alignment: 'center', fontSize: 8 }),
  };
}

export async function planPdf(
  plan: Plan,
  nodes: SectionNode[],
  items: PlanItem[],
  baseUrl: string,
): Promise<Buffer> {
  const byId = new Map(items.map((i) => [i.id, i]));
  const content = nodes.flatMap((n) => sectionContent(n, 0, byId));
  return engine()
    .createPdf(document(plan, plan.nameVi, content, `${baseUrl}/quy-hoach`))
    .getBuffer();
}

/** One item (e.g. an industrial park): its facts as the page shows them in Vietnamese, and its sources. */
export async function itemPdf(
  plan: Plan,
  item: PlanItem,
  facts: { label: string; value: string }[],
  url: string,
): Promise<Buffer> {
  const strings = (v: unknown) =>
    Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  const content: unknown[] = [
    { text: plainName(item.nameVi), style: 'h1', margin: [0, 4, 0, 6] },
    {
      table: { widths: ['35%', '65%'], body: facts.map((f) => [{ text: f.label, bold: true }, f.value]) },
      layout: 'lightHorizontalLines',
      margin: [0, 0, 0, 8],
    },
  ];
  if (item.summaryVi && !item.isPlaceholder) content.push({ text: item.summaryVi, margin: [0, 0, 0, 6] });
  const directions = strings(item.details.directions_vi);
  if (directions.length) content.push({ ul: directions, margin: [0, 0, 0, 6] });
  if (item.sources.length) content.push({ text: `Nguồn: ${item.sources.join(' ; ')}`, style: 'source' });
  return engine()
    .createPdf(document(plan, plainName(item.nameVi), content, url))
    .getBuffer();
}
