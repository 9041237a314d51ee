// Pages of the staff area's landing page and of user administration.
import type { FieldError } from '../../kernel/http/errors.ts';
import { formatDateTime, hasMessage } from '../../kernel/i18n/index.ts';
import {
  Badge,
  Button,
  ErrorSummary,
  Form,
  LinkButton,
  Notice,
  SelectField,
  SummaryList,
  Table,
  TextField,
} from '../../kernel/ui/components.tsx';
import { Layout } from '../../kernel/ui/layout.tsx';
import type { NavItem, PageContext } from '../../kernel/ui/page-context.ts';
import { ROLES } from './schema.ts';
import type { UserRow } from './users.ts';

type Option<V> = { value: V; label: string };

function adminCrumb(ctx: PageContext) {
  return { href: '/admin', label: ctx.t('layout.admin') };
}

function roleOptions(ctx: PageContext): Option<string>[] {
  return ROLES.map((r) => ({ value: r, label: ctx.t(`accounts.role.${r}`) }));
}

function UserStatus(props: { ctx: PageContext; user: UserRow }) {
  const { ctx, user } = props;
  return (
    <>
      {user.active ? (
        <Badge tone="success">{ctx.t('accounts.admin.status.active')}</Badge>
      ) : (
        <Badge tone="neutral">{ctx.t('accounts.admin.status.inactive')}</Badge>
      )}
      {user.active && user.mustChangePassword ? (
        <>
          {' '}
          <Badge tone="warning">{ctx.t('accounts.admin.status.mustChange')}</Badge>
        </>
      ) : null}
    </>
  );
}

export function AdminHomePage(props: { ctx: PageContext; sections: NavItem[] }) {
  const { ctx } = props;
  const t = ctx.t;
  return (
    <Layout ctx={ctx} meta={{ title: t('accounts.admin.home.title'), noindex: true }}>
      <h1>{t('accounts.admin.home.title')}</h1>
      {props.sections.length ? (
        <>
          <p class="lead">{t('accounts.admin.home.intro')}</p>
          <div class="grid">
            {props.sections.map((s) => (
              <section class="card" key={s.href}>
                <h2>
                  <a href={s.href}>{t(s.labelKey)}</a>
                </h2>
                {hasMessage(`${s.labelKey}.description`) ? <p>{t(`${s.labelKey}.description`)}</p> : null}
              </section>
            ))}
          </div>
        </>
      ) : (
        <p>{t('accounts.admin.home.none')}</p>
      )}
    </Layout>
  );
}

export type UserListFilterValues = { q?: string; role?: string; agencyId?: string; active?: string };

export function UserListPage(props: {
  ctx: PageContext;
  rows: { user: UserRow; agencyName: string | null }[];
  filter: UserListFilterValues;
  agencyOptions: Option<number>[];
}) {
  const { ctx, filter } = props;
  const t = ctx.t;
  return (
    <Layout
      ctx={ctx}
      meta={{
        title: t('accounts.admin.users.title'),
        noindex: true,
        breadcrumbs: [adminCrumb(ctx), { label: t('accounts.admin.users.title') }],
      }}
    >
      <h1>{t('accounts.admin.users.title')}</h1>
      <p class="lead">{t('accounts.admin.users.intro')}</p>
      <div class="button-group">
        <LinkButton href="/admin/users/new">{t('accounts.admin.users.add')}</LinkButton>
      </div>
      <form method="get" action="/admin/users" class="filters">
        <TextField name="q" type="search" label={t('accounts.admin.filter.q')} value={filter.q} />
        <SelectField
          name="role"
          label={t('accounts.admin.filter.role')}
          value={filter.role}
          emptyLabel={t('common.all')}
          options={roleOptions(ctx)}
        />
        <SelectField
          name="agencyId"
          label={t('accounts.admin.filter.agency')}
          value={filter.agencyId}
          emptyLabel={t('common.all')}
          options={props.agencyOptions}
        />
        <SelectField
          name="active"
          label={t('accounts.admin.filter.active')}
          value={filter.active}
          emptyLabel={t('common.all')}
          options={[
            { value: 'true', label: t('accounts.admin.status.active') },
            { value: 'false', label: t('accounts.admin.status.inactive') },
          ]}
        />
        <Button variant="secondary">{t('common.filter')}</Button>
      </form>
      <p role="status">{t('accounts.admin.users.count', { count: props.rows.length })}</p>
      <Table
        rows={props.rows}
        rowKey={(r) => r.user.id}
        empty={t('accounts.admin.users.none')}
        columns={[
          {
            header: t('accounts.admin.field.displayName'),
            cell: (r) => <a href={`/admin/users/${r.user.id}`}>{r.user.displayName}</a>,
          },
          { header: t('accounts.admin.field.email'), cell: (r) => r.user.email },
          { header: t('accounts.admin.field.role'), cell: (r) => t(`accounts.role.${r.user.role}`) },
          { header: t('accounts.admin.field.agency'), cell: (r) => r.agencyName ?? '' },
          { header: t('accounts.admin.field.status'), cell: (r) => <UserStatus ctx={ctx} user={r.user} /> },
          {
            header: t('accounts.admin.field.lastLogin'),
            cell: (r) =>
              r.user.lastLoginAt ? formatDateTime(r.user.lastLoginAt) : t('accounts.admin.field.never'),
          },
        ]}
      />
    </Layout>
  );
}

/** The form's fields as text, so the user's input comes back unchanged after an error. */
export type UserFormValues = {
  email?: string;
  displayName?: string;
  role?: string;
  agencyId?: string;
  rowVersion?: string;
};

type UserFormProps = {
  ctx: PageContext;
  values: UserFormValues;
  errors?: FieldError[];
  message?: string;
  agencyOptions: Option<number>[];
};

function UserRoleFields(props: UserFormProps) {
  const { ctx, values, errors } = props;
  const t = ctx.t;
  return (
    <>
      <TextField
        name="displayName"
        label={t('accounts.admin.field.displayName')}
        value={values.displayName}
        autocomplete="off"
        errors={errors}
        required
      />
      <SelectField
        name="role"
        label={t('accounts.admin.field.role')}
        hint={t('accounts.admin.field.roleHint')}
        value={values.role}
        options={roleOptions(ctx)}
        emptyLabel={values.role ? undefined : t('accounts.admin.field.roleChoose')}
        errors={errors}
      />
      <SelectField
        name="agencyId"
        label={t('accounts.admin.field.agency')}
        hint={t('accounts.admin.field.agencyHint')}
        value={values.agencyId}
        options={props.agencyOptions}
        emptyLabel={t('accounts.admin.field.agencyNone')}
        errors={errors}
      />
    </>
  );
}

export function UserCreatePage(props: UserFormProps) {
  const { ctx } = props;
  const t = ctx.t;
  return (
    <Layout
      ctx={ctx}
      meta={{
        title: t('accounts.admin.create.title'),
        noindex: true,
        breadcrumbs: [
          adminCrumb(ctx),
          { href: '/admin/users', label: t('accounts.admin.users.title') },
          { label: t('accounts.admin.create.title') },
        ],
      }}
    >
      <h1>{t('accounts.admin.create.title')}</h1>
      <ErrorSummary ctx={ctx} errors={props.errors ?? []} message={props.message} />
      <p>{t('accounts.admin.create.intro')}</p>
      <Form ctx={ctx} action="/admin/users" novalidate>
        <TextField
          name="email"
          type="email"
          label={t('accounts.admin.field.email')}
          hint={t('accounts.admin.field.emailHint')}
          value={props.values.email}
          autocomplete="off"
          errors={props.errors}
          required
        />
        <UserRoleFields {...props} />
        <div class="button-group">
          <Button>{t('accounts.admin.create.submit')}</Button>
          <a href="/admin/users">{t('common.cancel')}</a>
        </div>
      </Form>
    </Layout>
  );
}

export function UserEditPage(
  props: UserFormProps & { user: UserRow; agencyName: string | null; notice?: string },
) {
  const { ctx, user } = props;
  const t = ctx.t;
  const self = ctx.user?.id === user.id;
  return (
    <Layout
      ctx={ctx}
      meta={{
        title: `${t('accounts.admin.edit.title')}: ${user.displayName}`,
        noindex: true,
        breadcrumbs: [
          adminCrumb(ctx),
          { href: '/admin/users', label: t('accounts.admin.users.title') },
          { label: user.displayName },
        ],
      }}
    >
      <span class="muted">{t('accounts.admin.edit.title')}</span>
      <h1>{user.displayName}</h1>
      {props.notice ? <Notice tone="success">{props.notice}</Notice> : null}
      <ErrorSummary ctx={ctx} errors={props.errors ?? []} message={props.message} />
      <SummaryList
        items={[
          { label: t('accounts.admin.field.email'), value: user.email },
          { label: t('accounts.admin.field.role'), value: t(`accounts.role.${user.role}`) },
          { label: t('accounts.admin.field.agency'), value: props.agencyName ?? t('common.none') },
          { label: t('accounts.admin.field.status'), value: <UserStatus ctx={ctx} user={user} /> },
          {
            label: t('accounts.admin.field.lastLogin'),
            value: user.lastLoginAt ? formatDateTime(user.lastLoginAt) : t('accounts.admin.field.never'),
          },
        ]}
      />
      <div class="button-group">
        <a href={`/admin/audit?entity=user&entityId=${user.id}`}>{t('accounts.admin.history.record')}</a>
        <a href={`/admin/audit?actor=${user.id}`}>{t('accounts.admin.history.actor')}</a>
      </div>
      <Form ctx={ctx} action={`/admin/users/${user.id}`} novalidate>
        <input type="hidden" name="rowVersion" value={props.values.rowVersion ?? String(user.rowVersion)} />
        <UserRoleFields {...props} />
        <p class="hint">{t('accounts.admin.edit.rightsNote')}</p>
        <div class="button-group">
          <Button>{t('accounts.admin.edit.submit')}</Button>
          <a href="/admin/users">{t('common.cancel')}</a>
        </div>
      </Form>
      {/* Your own password and account are changed from /account, not here. */}
      {self ? null : (
        <>
          <h2>{t('accounts.admin.reset.title')}</h2>
          <p>{t('accounts.admin.reset.hint')}</p>
          <Form ctx={ctx} action={`/admin/users/${user.id}/reset-password`}>
            <Button variant="secondary">{t('accounts.admin.reset.submit')}</Button>
          </Form>
          <h2>{t('accounts.admin.status.title')}</h2>
          {user.active ? <p>{t('accounts.admin.deactivateHint')}</p> : null}
          <Form ctx={ctx} action={`/admin/users/${user.id}/${user.active ? 'deactivate' : 'activate'}`}>
            <Button variant={user.active ? 'danger' : 'secondary'}>
              {t(user.active ? 'accounts.admin.deactivate' : 'accounts.admin.activate')}
            </Button>
          </Form>
        </>
      )}
    </Layout>
  );
}

/** Shown once, straight after the account is created or the password reset; never stored. */
export function OneTimePasswordPage(props: {
  ctx: PageContext;
  user: UserRow;
  oneTimePassword: string;
  kind: 'created' | 'reset';
}) {
  const { ctx, user } = props;
  const t = ctx.t;
  const title = t(
    props.kind === 'created' ? 'accounts.admin.otp.createdTitle' : 'accounts.admin.otp.resetTitle',
  );
  return (
    <Layout
      ctx={ctx}
      meta={{
        title,
        noindex: true,
        breadcrumbs: [
          adminCrumb(ctx),
          { href: '/admin/users', label: t('accounts.admin.users.title') },
          { label: title },
        ],
      }}
    >
      <h1>{title}</h1>
      <Notice tone="success">
        <p>
          {t(props.kind === 'created' ? 'accounts.admin.otp.createdFor' : 'accounts.admin.otp.resetFor', {
            name: user.displayName,
            email: user.email,
          })}
        </p>
        <p>{t('accounts.admin.otp.label')}</p>
        <code class="secret">{props.oneTimePassword}</code>
      </Notice>
      <Notice tone="warning">
        <p>{t('accounts.admin.otp.once')}</p>
        <p>{t('accounts.admin.otp.handover')}</p>
      </Notice>
      <div class="button-group">
        <LinkButton href={`/admin/users/${user.id}`} variant="secondary">
          {t('accounts.admin.otp.toUser')}
        </LinkButton>
        <a href="/admin/users">{t('accounts.admin.otp.back')}</a>
      </div>
    </Layout>
  );
}
