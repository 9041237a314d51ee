// Thin routes over the privacy use cases: the JSON API and the admin page. Administrators only.
import { h } from 'preact';
import { z } from 'zod';
import { parseForm } from '../../kernel/http/forms.ts';
import { pageContext, sendPage } from '../../kernel/http/pages.ts';
import type { App, AppDeps } from '../../kernel/module.ts';
import { actorOf } from '../accounts/authenticate.ts';
import { PrivacyPage } from './pages.tsx';
import { emailBody, eraseBody } from './schemas.ts';
import { erasePersonalData, exportPersonalData } from './use-cases.ts';

const ADMIN = { access: ['admin'] as const };

const recordSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));
const exportSchema = z.object({
  email: z.string(),
  generatedAt: z.string(),
  sources: z.array(z.object({ key: z.string(), records: z.array(recordSchema) })),
});
const erasureSchema = z.object({
  email: z.string(),
  counts: z.record(z.string(), z.number()),
  total: z.number(),
});

export async function privacyRoutes(app: App, deps: AppDeps): Promise<void> {
  const { db, config } = deps;

  app.post(
    '/api/v1/privacy/export',
    {
      config: ADMIN,
      schema: {
        tags: ['privacy'],
        summary: 'Everything held about one email (Law 91/2025 right of access); audited without the email',
        body: emailBody,
        response: { 200: exportSchema },
      },
    },
    async (request) => exportPersonalData(db, actorOf(request), request.body.email),
  );

  app.post(
    '/api/v1/privacy/erase',
    {
      config: ADMIN,
      schema: {
        tags: ['privacy'],
        summary:
          'Erase the personal data linked to one email (comments stay, pseudonymised); all or nothing, audited',
        body: eraseBody,
        response: { 200: erasureSchema },
      },
    },
    async (request) => erasePersonalData(db, actorOf(request), request.body.email),
  );

  const page =
    (request: Parameters<typeof pageContext>[0], reply: Parameters<typeof pageContext>[1]) =>
    (
      props: { email?: string; errors?: { field: string; message: string }[]; notice?: string },
      status = 200,
    ) =>
      sendPage(
        reply,
        h(PrivacyPage, {
          ctx: pageContext(request, reply),
          retentionDays: config.personalDataRetentionDays,
          ...props,
        }),
        status,
      );

  app.get('/admin/privacy', { config: ADMIN, schema: { hide: true } }, async (request, reply) =>
    page(request, reply)({}),
  );

  app.post('/admin/privacy/export', { config: ADMIN, schema: { hide: true } }, async (request, reply) => {
    const form = parseForm(emailBody, request.body, request.locale);
    const email = String((request.body as Record<string, unknown> | undefined)?.email ?? '');
    if (!form.ok) return page(request, reply)({ email, errors: form.errors }, 400);
    const data = await exportPersonalData(db, actorOf(request), form.data.email);
    return reply
      .header('content-type', 'application/json; charset=utf-8')
      .header('content-disposition', 'attachment; filename="du-lieu-ca-nhan.json"')
      .send(JSON.stringify(data, null, 2));
  });

  app.post('/admin/privacy/erase', { config: ADMIN, schema: { hide: true } }, async (request, reply) => {
    const form = parseForm(eraseBody, request.body, request.locale);
    const email = String((request.body as Record<string, unknown> | undefined)?.email ?? '');
    if (!form.ok) return page(request, reply)({ email, errors: form.errors }, 400);
    const result = await erasePersonalData(db, actorOf(request), form.data.email);
    const notice = request.t(result.total > 0 ? 'privacy.erased' : 'privacy.erased.none', {
      email: result.email,
      total: result.total,
    });
    return page(request, reply)({ notice });
  });
}
