// The assessment report: the API download, the page where planners edit the narrative
// parts before export, and the downloads from that page.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { z } from 'zod';
import { forbidden } from '../../kernel/http/errors.ts';
import { pageContext, sendPage } from '../../kernel/http/pages.ts';
import { translator } from '../../kernel/i18n/index.ts';
import type { App, AppDeps } from '../../kernel/module.ts';
import { actorOf } from '../accounts/authenticate.ts';
import { type FORMATS, generateReport } from './generate.ts';
import { ReportEditPage } from './pages.tsx';
import { parsePeriod } from './registry.ts';
import { ASSESSMENT_TEMPLATE } from './seed.ts';
import { loadDraft, loadTemplate, PARTICULAR_KEYS, saveDraft } from './use-cases.ts';

const READERS = { access: ['planner', 'leader', 'admin'] as const };
const EDITORS = { access: ['planner', 'admin'] as const };
const reportQuery = z.object({
  period: z.string().regex(/^\d{4}(-\d{4})?$/, 'reports.error.period'),
  format: z.enum(['docx', 'pdf', 'xlsx']).default('docx'),
});

export async function reportsRoutes(app: App, deps: AppDeps): Promise<void> {
  const { db, config } = deps;

  const send = async (reply: FastifyReply, period: string, format: keyof typeof FORMATS) => {
    // An official Vietnamese document: written in Vietnamese whatever the interface language.
    const r = await generateReport(db, config, translator('vi'), ASSESSMENT_TEMPLATE, period, format);
    return reply
      .type(r.type)
      .header('content-disposition', `attachment; filename="${r.filename}"`)
      .send(r.body);
  };

  app.get(
    '/api/v1/reports/assessment',
    {
      config: READERS,
      schema: {
        tags: ['reports'],
        summary:
          'The assessment report on the implementation of the plan for a period (a year, or e.g. 2021-2025), as DOCX ' +
          '(Decree 30/2020/NĐ-CP layout), PDF, or an XLSX annex with every table. Narrative parts come from the saved draft.',
        querystring: reportQuery,
      },
    },
    async (request, reply) => send(reply, request.query.period, request.query.format),
  );

  const renderEdit = async (
    request: FastifyRequest,
    reply: FastifyReply,
    period: string,
    notice?: string,
  ) => {
    const p = parsePeriod(period);
    if (!p) return reply.redirect('/reports/assessment', 303);
    const template = await loadTemplate(db, ASSESSMENT_TEMPLATE);
    const draft = await loadDraft(db, ASSESSMENT_TEMPLATE, p.label);
    const canEdit = request.user!.role === 'planner' || request.user!.role === 'admin';
    return sendPage(
      reply,
      h(ReportEditPage, {
        ctx: pageContext(request, reply),
        period: p.label,
        template,
        draft,
        canEdit,
        notice,
      }),
    );
  };

  app.get('/reports/assessment', { config: READERS, schema: { hide: true } }, async (request, reply) => {
    const q = (request.query ?? {}) as Record<string, unknown>;
    const period =
      typeof q.period === 'string' && parsePeriod(q.period) ? q.period : String(new Date().getFullYear() - 1);
    return renderEdit(request, reply, period, q.saved === '1' ? request.t('reports.saved') : undefined);
  });

  app.get(
    '/reports/assessment/:period/:file',
    {
      config: READERS,
      schema: {
        hide: true,
        params: z.object({ period: z.string(), file: z.enum(['report.docx', 'report.pdf', 'annex.xlsx']) }),
      },
    },
    async (request, reply) => {
      const format = request.params.file.split('.')[1] as keyof typeof FORMATS;
      return send(reply, request.params.period, format);
    },
  );

  app.post(
    '/reports/assessment/:period',
    { config: EDITORS, schema: { hide: true, params: z.object({ period: z.string() }) } },
    async (request, reply) => {
      const p = parsePeriod(request.params.period);
      if (!p) throw forbidden();
      const body = (request.body ?? {}) as Record<string, unknown>;
      const pick = (prefix: string) =>
        Object.fromEntries(
          Object.entries(body)
            .filter(([k, v]) => k.startsWith(prefix) && typeof v === 'string')
            .map(([k, v]) => [k.slice(prefix.length), String(v).slice(0, 20_000)]),
        );
      const particulars = pick('p_');
      for (const k of Object.keys(particulars))
        if (!(PARTICULAR_KEYS as readonly string[]).includes(k)) delete particulars[k];
      const rv =
        typeof body.rowVersion === 'string' && /^\d+$/.test(body.rowVersion)
          ? Number(body.rowVersion)
          : undefined;
      await saveDraft(db, actorOf(request), request.user!, {
        templateCode: ASSESSMENT_TEMPLATE,
        period: p.label,
        particulars,
        narratives: pick('n_'),
        rowVersion: rv,
      });
      return reply.redirect(`/reports/assessment?period=${p.label}&saved=1`, 303);
    },
  );
}
