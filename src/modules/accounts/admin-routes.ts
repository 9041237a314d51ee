// The staff area's landing page (/admin) and user administration (/admin/users).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { z } from 'zod';
import { AppError, type FieldError } from '../../kernel/http/errors.ts';
import { parseForm } from '../../kernel/http/forms.ts';
import { pageContext, sendPage } from '../../kernel/http/pages.ts';
import type { App, AppDeps } from '../../kernel/module.ts';
import { visibleNav } from '../../kernel/ui/page-context.ts';
import { agencyChoices, agencyNames } from '../agencies/queries.ts';
import {
  AdminHomePage,
  OneTimePasswordPage,
  UserCreatePage,
  UserEditPage,
  type UserFormValues,
  type UserListFilterValues,
  UserListPage,
} from './admin-pages.tsx';
import { actorOf } from './authenticate.ts';
import { ROLES, type Role } from './schema.ts';
import { createUserBody, updateUserBody } from './schemas.ts';
import {
  createUser,
  getUser,
  listUsers,
  resetPassword,
  setUserActive,
  type UserRow,
  updateUser,
} from './users.ts';

const FORM_FIELDS = ['email', 'displayName', 'role', 'agencyId', 'rowVersion'] as const;

function submittedValues(body: unknown): UserFormValues {
  const record = (body ?? {}) as Record<string, unknown>;
  const values: UserFormValues = {};
  for (const f of FORM_FIELDS) {
    const v = record[f];
    if (typeof v === 'string') values[f] = v;
  }
  return values;
}

function editValues(u: UserRow): UserFormValues {
  return {
    displayName: u.displayName,
    role: u.role,
    agencyId: u.agencyId === null ? '' : String(u.agencyId),
    rowVersion: String(u.rowVersion),
  };
}

function listFilter(query: unknown): UserListFilterValues {
  const q = (query ?? {}) as Record<string, unknown>;
  return {
    q: typeof q.q === 'string' && q.q.trim() ? q.q.trim().slice(0, 200) : undefined,
    role: ROLES.includes(q.role as Role) ? (q.role as string) : undefined,
    agencyId: typeof q.agencyId === 'string' && /^\d{1,9}$/.test(q.agencyId) ? q.agencyId : undefined,
    active: q.active === 'true' || q.active === 'false' ? q.active : undefined,
  };
}

function translated(request: FastifyRequest, fields: FieldError[]): FieldError[] {
  return fields.map((f) => ({ field: f.field, message: request.t(f.message) }));
}

const NOTICES: Record<string, string> = {
  saved: 'common.saved',
  deactivated: 'accounts.admin.deactivated',
  activated: 'accounts.admin.activated',
};

const idParams = z.object({ id: z.coerce.number().int().positive() });

export async function accountsAdminPages(app: App, deps: AppDeps): Promise<void> {
  const { db } = deps;
  const admin = { access: ['admin'] as const };

  /** Agencies a user may be attached to (active ones, plus the current one if it is not). */
  async function agencyOptions(current?: number | null) {
    const options = await agencyChoices(db, { activeOnly: true });
    if (current != null && !options.some((o) => o.value === current)) {
      const names = await agencyNames(db, [current]);
      options.unshift({ value: current, label: names.get(current) ?? String(current) });
    }
    return options;
  }

  const renderEdit = async (
    request: FastifyRequest,
    reply: FastifyReply,
    user: UserRow,
    extra: { values?: UserFormValues; errors?: FieldError[]; message?: string; notice?: string } = {},
    status = 200,
  ) => {
    const agencyName =
      user.agencyId === null ? null : ((await agencyNames(db, [user.agencyId])).get(user.agencyId) ?? null);
    return sendPage(
      reply,
      h(UserEditPage, {
        ctx: pageContext(request, reply),
        user,
        agencyName,
        agencyOptions: await agencyOptions(user.agencyId),
        values: extra.values ?? editValues(user),
        errors: extra.errors,
        message: extra.message,
        notice: extra.notice,
      }),
      status,
    );
  };

  app.get(
    '/admin',
    { config: { access: ['admin', 'planner'] }, schema: { hide: true } },
    async (request, reply) => {
      const sections = visibleNav(request.user, 'staff').filter((n) => n.href !== '/admin');
      return sendPage(reply, h(AdminHomePage, { ctx: pageContext(request, reply), sections }));
    },
  );

  app.get('/admin/users', { config: admin, schema: { hide: true } }, async (request, reply) => {
    const filter = listFilter(request.query);
    const rows = await listUsers(db, {
      q: filter.q,
      role: filter.role as Role | undefined,
      agencyId: filter.agencyId ? Number(filter.agencyId) : undefined,
      active: filter.active === undefined ? undefined : filter.active === 'true',
    });
    return sendPage(
      reply,
      h(UserListPage, {
        ctx: pageContext(request, reply),
        rows,
        filter,
        agencyOptions: await agencyChoices(db),
      }),
    );
  });

  app.get('/admin/users/new', { config: admin, schema: { hide: true } }, async (request, reply) =>
    sendPage(
      reply,
      h(UserCreatePage, {
        ctx: pageContext(request, reply),
        values: {},
        agencyOptions: await agencyOptions(),
      }),
    ),
  );

  app.post('/admin/users', { config: admin, schema: { hide: true } }, async (request, reply) => {
    const values = submittedValues(request.body);
    const render = async (errors: FieldError[], status: number) =>
      sendPage(
        reply,
        h(UserCreatePage, {
          ctx: pageContext(request, reply),
          values,
          errors,
          agencyOptions: await agencyOptions(),
        }),
        status,
      );
    const form = parseForm(createUserBody, request.body, request.locale);
    if (!form.ok) return render(form.errors, 400);
    try {
      const created = await createUser(db, actorOf(request), form.data);
      // Shown in this response only (not after a redirect), so the password is never in a URL or stored.
      return sendPage(
        reply,
        h(OneTimePasswordPage, {
          ctx: pageContext(request, reply),
          user: created.user,
          oneTimePassword: created.oneTimePassword!,
          kind: 'created',
        }),
      );
    } catch (err) {
      if (err instanceof AppError && err.fields.length)
        return render(translated(request, err.fields), err.statusCode);
      throw err;
    }
  });

  app.get(
    '/admin/users/:id',
    { config: admin, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const user = await getUser(db, request.params.id);
      const query = (request.query ?? {}) as Record<string, unknown>;
      const key = Object.keys(NOTICES).find((k) => query[k] === '1');
      return renderEdit(request, reply, user, { notice: key ? request.t(NOTICES[key]!) : undefined });
    },
  );

  app.post(
    '/admin/users/:id',
    { config: admin, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const user = await getUser(db, request.params.id);
      const values = submittedValues(request.body);
      const form = parseForm(updateUserBody, request.body, request.locale);
      if (!form.ok) return renderEdit(request, reply, user, { values, errors: form.errors }, 400);
      try {
        await updateUser(db, actorOf(request), user.id, form.data);
        return reply.redirect(`/admin/users/${user.id}?saved=1`, 303);
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        if (err.fields.length) {
          return renderEdit(
            request,
            reply,
            user,
            { values, errors: translated(request, err.fields) },
            err.statusCode,
          );
        }
        if (err.statusCode === 409) {
          return renderEdit(request, reply, user, { values, message: request.t(err.messageKey) }, 409);
        }
        throw err;
      }
    },
  );

  for (const [action, active] of [
    ['deactivate', false],
    ['activate', true],
  ] as const) {
    app.post(
      `/admin/users/:id/${action}`,
      { config: admin, schema: { hide: true, params: idParams } },
      async (request, reply) => {
        const user = await getUser(db, request.params.id);
        try {
          await setUserActive(db, actorOf(request), user.id, active);
          return reply.redirect(`/admin/users/${user.id}?${action}d=1`, 303);
        } catch (err) {
          if (!(err instanceof AppError) || err.fields.length === 0) throw err;
          // About the account as a whole, not a form field: shown as the summary's message.
          return renderEdit(
            request,
            reply,
            user,
            { message: request.t(err.fields[0]!.message) },
            err.statusCode,
          );
        }
      },
    );
  }

  app.post(
    '/admin/users/:id/reset-password',
    { config: admin, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      // Your own password is changed at /account/password (a reset here would sign you out).
      if (request.params.id === request.user!.id) return reply.redirect('/account/password', 303);
      const r = await resetPassword(db, actorOf(request), request.params.id);
      return sendPage(
        reply,
        h(OneTimePasswordPage, {
          ctx: pageContext(request, reply),
          user: r.user,
          oneTimePassword: r.oneTimePassword!,
          kind: 'reset',
        }),
      );
    },
  );
}
