// The report as a PDF (pdfmake with its bundled Roboto, which has the
// Vietnamese letters). Nothing is fetched from outside.
import { createRequire } from 'node:module';
import type { TDocumentDefinitions } from 'pdfmake/interfaces';
import { formatDateTime, formatNumber, type Locale, translator } from '../../kernel/i18n/index.ts';
import type { CheckRow } from './queries.ts';
import type { ConformityReport } from './use-cases.ts';

const require = createRequire(import.meta.url);
type PdfMake = {
  setFonts(fonts: unknown): void;
  setUrlAccessPolicy(cb: (url: string) => boolean): void;
  setLocalAccessPolicy(cb: (path: string) => boolean): void;
  createPdf(doc: TDocumentDefinitions): { getBuffer(): Promise<Buffer> };
};
let pdfmake: PdfMake | null = null;
function printer(): PdfMake {
  if (!pdfmake) {
    pdfmake = require('pdfmake') as PdfMake;
    const fonts = require('pdfmake/fonts/Roboto.js') as { Roboto: Record<string, string> };
    const allowed = new Set(Object.values(fonts.Roboto));
    pdfmake.setFonts(fonts);
    // Only the bundled fonts may be read; nothing is fetched.
    pdfmake.setLocalAccessPolicy((p) => allowed.has(p));
    pdfmake.setUrlAccessPolicy(() => false);
  }
  return pdfmake;
}

export async function reportPdf(check: CheckRow, locale: Locale): Promise<Buffer> {
  const t = translator(locale);
  const report = check.report as unknown as ConformityReport;
  const n = (v: number | null, d = 2) => formatNumber(locale, v, d);
  const name = (x: { nameVi: string; nameEn: string | null }) =>
    locale === 'en' && x.nameEn ? x.nameEn : x.nameVi;
  const list = (items: string[]) =>
    items.length ? { ul: items } : { text: t('layout.noData'), italics: true };
  const doc: TDocumentDefinitions = {
    info: { title: t('conformity.report.title', { title: check.title }) },
    defaultStyle: { font: 'Roboto', fontSize: 10 },
    styles: {
      h1: { fontSize: 16, bold: true, margin: [0, 0, 0, 8] },
      h2: { fontSize: 12, bold: true, margin: [0, 12, 0, 4] },
    },
    content: [
      { text: t('conformity.report.title', { title: check.title }), style: 'h1' },
      {
        table: {
          widths: ['auto', '*'],
          body: [
            [t('conformity.report.overall'), { text: t(`conformity.outcome.${check.overall}`), bold: true }],
            [t('conformity.report.siteArea'), `${n(check.siteAreaHa)} ha`],
            [
              t('conformity.report.requested'),
              `${check.requestedByLabel}, ${formatDateTime(check.createdAt)}`,
            ],
            [t('conformity.report.input'), `${check.inputFormat}, ${check.inputCrs}`],
          ],
        },
        layout: 'lightHorizontalLines',
      },
      { text: t('conformity.report.layers'), style: 'h2' },
      report.layers.length
        ? {
            table: {
              headerRows: 1,
              widths: ['*', '*', 'auto', 'auto', '*'],
              body: [
                [
                  t('conformity.report.layer'),
                  t('conformity.report.feature'),
                  t('conformity.report.overlapHa'),
                  t('conformity.report.pct'),
                  t('conformity.report.outcome'),
                ].map((h) => ({ text: h, bold: true })),
                ...report.layers.map((l) => [
                  `${name(l)}\n${t(`conformity.layerType.${l.layerType}`)}`,
                  l.matches
                    .map((m) =>
                      m.kind === 'overlap'
                        ? `${locale === 'en' && m.nameEn ? m.nameEn : m.nameVi}: ${n(m.overlapHa)} ha`
                        : m.kind === 'point_within'
                          ? `${m.nameVi} (${t('conformity.report.pointWithin')})`
                          : `${m.nameVi} (${t('conformity.report.pointNear', { distance: n(m.distanceM, 0) })})`,
                    )
                    .join('\n'),
                  { text: l.overlapHa > 0 ? n(l.overlapHa) : '—', alignment: 'right' as const },
                  { text: l.overlapHa > 0 ? n(l.pctOfSite, 1) : '—', alignment: 'right' as const },
                  `${t(`conformity.outcome.${l.outcome}`)}${l.touched ? `\n${locale === 'en' ? l.reasonEn : l.reasonVi}` : ''}`,
                ]),
              ],
            },
            layout: 'lightHorizontalLines',
          }
        : { text: t('conformity.report.noLayers') },
      { text: t('conformity.report.units'), style: 'h2' },
      { text: t('conformity.report.oldDistricts'), bold: true },
      list(report.admin.oldDistricts.map((d) => `${d.nameVi}: ${n(d.overlapHa)} ha`)),
      { text: t('conformity.report.communesWithin'), bold: true, margin: [0, 6, 0, 0] },
      list(report.admin.communesWithin.map((c) => c.nameVi)),
      { text: t('conformity.report.derived'), bold: true, margin: [0, 6, 0, 0] },
      { text: t('conformity.report.derivedHint'), italics: true, fontSize: 8 },
      list(report.admin.derivedCommunes.map((c) => `${c.nameVi} (${c.fromNames.join(', ')})`)),
      ...(report.notes.length
        ? [{ text: t('conformity.report.notes'), style: 'h2' }, { ul: report.notes.map((k) => t(k)) }]
        : []),
      { text: t('conformity.report.method'), italics: true, fontSize: 8, margin: [0, 12, 0, 0] },
    ],
  };
  return printer().createPdf(doc).getBuffer();
}
