// Public routes of following: the public task page (with the follow form), the
// follow post, and the confirm / unfollow pages behind the links in the emails.
import { h } from 'preact';
import { z } from 'zod';
import { badRequest, notFound } from '../../kernel/http/errors.ts';
import { parseForm } from '../../kernel/http/forms.ts';
import { pageContext, sendPage } from '../../kernel/http/pages.ts';
import type { App, AppDeps } from '../../kernel/module.ts';
import { actorOf } from '../accounts/authenticate.ts';
import { todayIn } from '../notifications/daily-job.ts';
import { FollowErrorPage, FollowTokenPage } from './follow-pages.tsx';
import {
  confirmFollow,
  findFollowable,
  followBody,
  followByToken,
  followItem,
  itemPath,
  unfollow,
} from './follows.ts';
import { PublicTaskPage } from './public-pages.tsx';
import { agencyNameMap, getProgramme, readableTask } from './queries.ts';
import { scheduleStatus } from './rules.ts';

const PUBLIC = { access: 'public' } as const;
const idParams = z.object({ id: z.coerce.number().int().positive() });
const tokenParams = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,64}$/) });

export async function followRoutes(app: App, deps: AppDeps): Promise<void> {
  const { db, config } = deps;
  const thresholds = { atRiskGap: config.statusAtRiskGap, lateGap: config.statusLateGap };

  app.get(
    '/ke-hoach-thuc-hien/nhiem-vu/:id',
    { config: PUBLIC, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const scope = { kind: 'public' } as const;
      const task = await readableTask(db, scope, request.params.id);
      const programme = await getProgramme(db, scope, task.programmeId);
      const sent = (request.query as Record<string, unknown> | undefined)?.theodoi === '1';
      return sendPage(
        reply,
        h(PublicTaskPage, {
          ctx: pageContext(request, reply),
          task,
          programme,
          schedule: scheduleStatus(task, todayIn(), thresholds),
          agencyNames: await agencyNameMap(db),
          follow: { sent },
        }),
      );
    },
  );

  app.post('/theo-doi', { config: PUBLIC, schema: { hide: true } }, async (request, reply) => {
    const values = Object.fromEntries(
      Object.entries((request.body ?? {}) as Record<string, unknown>).filter(
        ([, v]) => typeof v === 'string',
      ),
    ) as Record<string, string>;
    const target = z
      .object({ targetType: z.enum(['task', 'project']), targetId: z.coerce.number().int().positive() })
      .safeParse(values);
    if (!target.success) throw badRequest('error.validation');
    const item = await findFollowable(db, target.data.targetType, target.data.targetId);
    if (!item) throw notFound();
    const form = parseForm(followBody, values, request.locale);
    if (!form.ok)
      return sendPage(
        reply,
        h(FollowErrorPage, { ctx: pageContext(request, reply), item, values, errors: form.errors }),
        400,
      );
    await followItem(db, actorOf(request), form.data, request.t('follow.consent'));
    return reply.redirect(`${itemPath(item.type, item.id)}?theodoi=1#follow`, 303);
  });

  for (const [segment, action] of [
    ['xac-nhan', 'confirm'],
    ['huy', 'unfollow'],
  ] as const) {
    app.get(
      `/theo-doi/${segment}/:token`,
      { config: PUBLIC, schema: { hide: true, params: tokenParams } },
      async (request, reply) => {
        const { item } = await followByToken(db, request.params.token);
        return sendPage(
          reply,
          h(FollowTokenPage, {
            ctx: pageContext(request, reply),
            action,
            token: request.params.token,
            item,
            done: false,
          }),
        );
      },
    );
    app.post(
      `/theo-doi/${segment}/:token`,
      { config: PUBLIC, schema: { hide: true, params: tokenParams } },
      async (request, reply) => {
        const { item } = await followByToken(db, request.params.token);
        await (action === 'confirm' ? confirmFollow : unfollow)(db, actorOf(request), request.params.token);
        return sendPage(
          reply,
          h(FollowTokenPage, {
            ctx: pageContext(request, reply),
            action,
            token: request.params.token,
            item,
            done: true,
          }),
        );
      },
    );
  }
}
