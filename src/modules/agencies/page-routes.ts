// Admin pages of the agency register under /admin/agencies: administrators see
// and change every agency; an agency editor sees and changes their own subtree.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { z } from 'zod';
import { AppError, type FieldError, forbidden } from '../../kernel/http/errors.ts';
import { parseForm } from '../../kernel/http/forms.ts';
import { pageContext, sendPage } from '../../kernel/http/pages.ts';
import type { App, AppDeps } from '../../kernel/module.ts';
import { actorOf } from '../accounts/authenticate.ts';
import {
  AgencyCreatePage,
  AgencyEditPage,
  type AgencyFormValues,
  type AgencyListFilter,
  AgencyListPage,
  agencyFormValues,
} from './pages.tsx';
import {
  type AgencyScope,
  agencyScopeOf,
  mayCreateUnder,
  mayEdit,
  mayManageAgencies,
  maySetActive,
} from './policy.ts';
import {
  type AgencyRow,
  adminUnitChoices,
  agencyAncestors,
  agencyChoices,
  agencyNames,
  getAgency,
  listAgencies,
} from './queries.ts';
import { AGENCY_KINDS, type AgencyKind } from './schema.ts';
import { createAgencyBody, updateAgencyBody } from './schemas.ts';
import { agencySubtree } from './scope.ts';
import { createAgency, setAgencyActive, updateAgency } from './use-cases.ts';

const FORM_FIELDS = [
  'code',
  'nameVi',
  'nameEn',
  'shortName',
  'kind',
  'parentId',
  'adminUnitId',
  'email',
  'phone',
  'rowVersion',
] as const;

/** What the user sent, as text, to put back in the form. */
function submittedValues(body: unknown): AgencyFormValues {
  const record = (body ?? {}) as Record<string, unknown>;
  const values: AgencyFormValues = {};
  for (const f of FORM_FIELDS) {
    const v = record[f];
    if (typeof v === 'string') values[f] = v;
  }
  return values;
}

function listFilter(query: unknown): AgencyListFilter {
  const q = (query ?? {}) as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim().slice(0, 200) : undefined);
  return {
    q: text(q.q),
    kind: AGENCY_KINDS.includes(q.kind as AgencyKind) ? (q.kind as string) : undefined,
    active: q.active === 'true' || q.active === 'false' ? q.active : undefined,
  };
}

const NOTICES: Record<string, string> = {
  created: 'agencies.create.done',
  saved: 'common.saved',
  deactivated: 'agencies.deactivated',
  activated: 'agencies.activated',
};

function noticeFrom(request: FastifyRequest): string | undefined {
  const query = (request.query ?? {}) as Record<string, unknown>;
  const key = Object.keys(NOTICES).find((k) => query[k] === '1');
  return key ? request.t(NOTICES[key]!) : undefined;
}

function translated(request: FastifyRequest, fields: FieldError[]): FieldError[] {
  return fields.map((f) => ({ field: f.field, message: request.t(f.message) }));
}

const idParams = z.object({ id: z.coerce.number().int().positive() });

export async function agenciesPages(app: App, deps: AppDeps): Promise<void> {
  const { db } = deps;
  const managers = { access: ['admin', 'agency_editor'] as const };

  async function scopeOf(request: FastifyRequest): Promise<AgencyScope> {
    const scope = await agencyScopeOf(db, request.user);
    if (!mayManageAgencies(scope)) throw forbidden();
    return scope;
  }

  /** Choices for the form: parents the user may choose (never the agency itself or one below it). */
  async function formOptions(scope: AgencyScope, agency?: AgencyRow) {
    const exclude = agency ? await agencySubtree(db, agency.id) : undefined;
    const under = scope.kind === 'subtree' ? scope.root : undefined;
    const parentOptions = await agencyChoices(db, { under, activeOnly: true, exclude });
    const adminUnitOptions = await adminUnitChoices(db);
    // The current values stay choosable even when they would not be offered today.
    if (agency?.parentId != null && !parentOptions.some((o) => o.value === agency.parentId)) {
      const names = await agencyNames(db, [agency.parentId]);
      parentOptions.unshift({
        value: agency.parentId,
        label: names.get(agency.parentId) ?? String(agency.parentId),
      });
    }
    if (agency?.adminUnitId && !adminUnitOptions.some((o) => o.value === agency.adminUnitId)) {
      adminUnitOptions.unshift({ value: agency.adminUnitId, label: agency.adminUnitId });
    }
    return { parentOptions, adminUnitOptions, allowTopLevel: scope.kind === 'all' };
  }

  const renderCreate = async (
    request: FastifyRequest,
    reply: FastifyReply,
    scope: AgencyScope,
    extra: { values: AgencyFormValues; errors?: FieldError[]; message?: string },
    status = 200,
  ) =>
    sendPage(
      reply,
      h(AgencyCreatePage, { ctx: pageContext(request, reply), ...(await formOptions(scope)), ...extra }),
      status,
    );

  const renderEdit = async (
    request: FastifyRequest,
    reply: FastifyReply,
    scope: AgencyScope,
    agency: AgencyRow,
    extra: { values?: AgencyFormValues; errors?: FieldError[]; message?: string; notice?: string } = {},
    status = 200,
  ) => {
    const ancestors = await agencyAncestors(db, agency);
    const ownAgency = scope.kind === 'subtree' && scope.root === agency.id;
    const parent = ancestors.at(-1);
    return sendPage(
      reply,
      h(AgencyEditPage, {
        ctx: pageContext(request, reply),
        ...(await formOptions(scope, agency)),
        agency,
        ancestors,
        values: extra.values ?? agencyFormValues(agency),
        errors: extra.errors,
        message: extra.message,
        notice: extra.notice,
        parentFixed: ownAgency ? (parent?.nameVi ?? request.t('common.none')) : undefined,
        canSetActive: maySetActive(scope, agency.id),
        canAddChild: agency.active && mayCreateUnder(scope, agency.id),
        canSeeHistory: request.user?.role === 'admin',
      }),
      status,
    );
  };

  app.get('/admin/agencies', { config: managers, schema: { hide: true } }, async (request, reply) => {
    const scope = await scopeOf(request);
    const filter = listFilter(request.query);
    const rows = await listAgencies(
      db,
      {
        q: filter.q,
        kind: filter.kind as AgencyKind | undefined,
        active: filter.active === undefined ? undefined : filter.active === 'true',
        under: scope.kind === 'subtree' ? scope.root : undefined,
      },
      'tree',
    );
    return sendPage(
      reply,
      h(AgencyListPage, {
        ctx: pageContext(request, reply),
        rows,
        filter,
        canCreate: scope.kind === 'all' || (scope.kind === 'subtree' && mayCreateUnder(scope, scope.root)),
        editableIds: scope.kind === 'subtree' ? scope.ids : 'all',
        editorView: scope.kind === 'subtree',
        notice: noticeFrom(request),
      }),
    );
  });

  app.get('/admin/agencies/new', { config: managers, schema: { hide: true } }, async (request, reply) => {
    const scope = await scopeOf(request);
    const query = (request.query ?? {}) as Record<string, unknown>;
    const asked =
      typeof query.parentId === 'string' && /^\d+$/.test(query.parentId) ? Number(query.parentId) : undefined;
    const parentId = asked ?? (scope.kind === 'subtree' ? scope.root : undefined);
    if (parentId !== undefined && !mayCreateUnder(scope, parentId)) throw forbidden();
    return renderCreate(request, reply, scope, {
      values: { parentId: parentId === undefined ? '' : String(parentId) },
    });
  });

  app.post('/admin/agencies', { config: managers, schema: { hide: true } }, async (request, reply) => {
    const scope = await scopeOf(request);
    const values = submittedValues(request.body);
    const form = parseForm(createAgencyBody, request.body, request.locale);
    if (!form.ok) return renderCreate(request, reply, scope, { values, errors: form.errors }, 400);
    try {
      const created = await createAgency(db, actorOf(request), request.user!, form.data);
      return reply.redirect(`/admin/agencies/${created.id}?created=1`, 303);
    } catch (err) {
      if (err instanceof AppError && err.fields.length) {
        return renderCreate(
          request,
          reply,
          scope,
          { values, errors: translated(request, err.fields) },
          err.statusCode,
        );
      }
      throw err;
    }
  });

  app.get(
    '/admin/agencies/:id',
    { config: managers, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const scope = await scopeOf(request);
      const agency = await getAgency(db, request.params.id);
      if (!mayEdit(scope, agency.id)) throw forbidden();
      return renderEdit(request, reply, scope, agency, { notice: noticeFrom(request) });
    },
  );

  app.post(
    '/admin/agencies/:id',
    { config: managers, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const scope = await scopeOf(request);
      const agency = await getAgency(db, request.params.id);
      if (!mayEdit(scope, agency.id)) throw forbidden();
      const values = submittedValues(request.body);
      const form = parseForm(updateAgencyBody, request.body, request.locale);
      if (!form.ok) return renderEdit(request, reply, scope, agency, { values, errors: form.errors }, 400);
      try {
        await updateAgency(db, actorOf(request), request.user!, agency.id, form.data);
        return reply.redirect(`/admin/agencies/${agency.id}?saved=1`, 303);
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        if (err.fields.length) {
          const errors = translated(request, err.fields);
          return renderEdit(request, reply, scope, agency, { values, errors }, err.statusCode);
        }
        if (err.statusCode === 409) {
          const message = request.t(err.messageKey);
          return renderEdit(request, reply, scope, agency, { values, message }, 409);
        }
        throw err;
      }
    },
  );

  const rowVersionForm = z.object({
    rowVersion: z.preprocess(
      (v) => (v === '' ? undefined : v),
      z.coerce.number().int().positive().optional(),
    ),
  });

  for (const [action, active] of [
    ['deactivate', false],
    ['activate', true],
  ] as const) {
    app.post(
      `/admin/agencies/:id/${action}`,
      { config: managers, schema: { hide: true, params: idParams } },
      async (request, reply) => {
        const scope = await scopeOf(request);
        const agency = await getAgency(db, request.params.id);
        if (!maySetActive(scope, agency.id)) throw forbidden();
        const form = rowVersionForm.safeParse(request.body ?? {});
        const rowVersion = form.success ? form.data.rowVersion : undefined;
        try {
          await setAgencyActive(db, actorOf(request), request.user!, agency.id, active, rowVersion);
          return reply.redirect(`/admin/agencies/${agency.id}?${action}d=1`, 303);
        } catch (err) {
          if (!(err instanceof AppError) || (err.statusCode !== 409 && err.fields.length === 0)) throw err;
          // These refusals are about the agency as a whole, not a form field: shown as the summary's message.
          const message = err.fields.length ? request.t(err.fields[0]!.message) : request.t(err.messageKey);
          return renderEdit(request, reply, scope, agency, { message }, err.statusCode);
        }
      },
    );
  }
}
