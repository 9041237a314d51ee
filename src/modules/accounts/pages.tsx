import type { FieldError } from '../../kernel/http/errors.ts';
import { formatDateTime } from '../../kernel/i18n/index.ts';
import {
  Button,
  CheckboxField,
  ErrorSummary,
  Form,
  Notice,
  SummaryList,
  Table,
  TextField,
} from '../../kernel/ui/components.tsx';
import { Layout } from '../../kernel/ui/layout.tsx';
import type { PageContext } from '../../kernel/ui/page-context.ts';
import type { ApiTokenRow } from './api-tokens.ts';

export function LoginPage(props: {
  ctx: PageContext;
  email?: string;
  next?: string;
  errors?: FieldError[];
  message?: string;
  notice?: string;
  /** Single sign-on, when configured: where the button goes and the provider's name. */
  sso?: { href: string; provider: string | undefined };
}) {
  const { ctx } = props;
  const t = ctx.t;
  return (
    <Layout ctx={ctx} meta={{ title: t('accounts.login.title'), noindex: true }}>
      <h1>{t('accounts.login.title')}</h1>
      {props.notice ? <Notice tone="success">{props.notice}</Notice> : null}
      <ErrorSummary ctx={ctx} errors={props.errors ?? []} message={props.message} />
      {props.sso ? (
        <>
          <p>
            <a class="button" href={props.sso.href}>
              {t('sso.login.button', { provider: props.sso.provider ?? t('sso.login.defaultProvider') })}
            </a>
          </p>
          <p>{t('sso.login.or')}</p>
        </>
      ) : null}
      <p>{t('accounts.login.intro')}</p>
      <Form ctx={ctx} action="/login" novalidate>
        {props.next ? <input type="hidden" name="next" value={props.next} /> : null}
        <TextField
          name="email"
          type="email"
          label={t('accounts.login.email')}
          value={props.email}
          autocomplete="username"
          errors={props.errors}
        />
        <TextField
          name="password"
          type="password"
          label={t('accounts.login.password')}
          autocomplete="current-password"
          errors={props.errors}
        />
        <Button>{t('accounts.login.submit')}</Button>
      </Form>
    </Layout>
  );
}

export function ChangePasswordPage(props: { ctx: PageContext; mustChange: boolean; errors?: FieldError[] }) {
  const { ctx } = props;
  const t = ctx.t;
  return (
    <Layout ctx={ctx} meta={{ title: t('accounts.password.title'), noindex: true }}>
      <h1>{t('accounts.password.title')}</h1>
      {props.mustChange ? <Notice tone="warning">{t('accounts.password.mustChange')}</Notice> : null}
      <ErrorSummary ctx={ctx} errors={props.errors ?? []} />
      <Form ctx={ctx} action="/account/password" novalidate>
        <TextField
          name="currentPassword"
          type="password"
          label={t('accounts.password.current')}
          hint={props.mustChange ? t('accounts.password.currentHintOtp') : undefined}
          autocomplete="current-password"
          errors={props.errors}
        />
        <TextField
          name="newPassword"
          type="password"
          label={t('accounts.password.new')}
          hint={t('accounts.password.newHint')}
          autocomplete="new-password"
          errors={props.errors}
        />
        <TextField
          name="confirmPassword"
          type="password"
          label={t('accounts.password.confirm')}
          autocomplete="new-password"
          errors={props.errors}
        />
        <Button>{t('accounts.password.submit')}</Button>
      </Form>
    </Layout>
  );
}

export function AccountPage(props: {
  ctx: PageContext;
  agencyName: string | null;
  tokens: ApiTokenRow[];
  newSecret?: string;
  notice?: string;
  errors?: FieldError[];
}) {
  const { ctx } = props;
  const t = ctx.t;
  const user = ctx.user!;
  return (
    <Layout ctx={ctx} meta={{ title: t('accounts.account.title'), noindex: true }}>
      <h1>{t('accounts.account.title')}</h1>
      {props.notice ? <Notice tone="success">{props.notice}</Notice> : null}
      <SummaryList
        items={[
          { label: t('accounts.login.email'), value: user.email },
          { label: t('accounts.account.role'), value: t(`accounts.role.${user.role}`) },
          { label: t('accounts.account.agency'), value: props.agencyName ?? t('common.none') },
        ]}
      />
      <p>
        <a href="/account/password">{t('accounts.account.changePassword')}</a>
      </p>
      <h2>{t('accounts.tokens.title')}</h2>
      <p>{t('accounts.tokens.intro')}</p>
      {props.newSecret ? (
        <Notice tone="success">
          <p>{t('accounts.tokens.created')}</p>
          <code class="secret">{props.newSecret}</code>
        </Notice>
      ) : null}
      <Table
        rows={props.tokens}
        rowKey={(r) => r.id}
        empty={t('accounts.tokens.none')}
        columns={[
          { header: t('accounts.tokens.name'), cell: (r) => `${r.name} (${r.prefix}…)` },
          { header: t('accounts.tokens.scopes'), cell: (r) => r.scopes.join(', ') },
          { header: t('accounts.tokens.lastUsed'), cell: (r) => formatDateTime(r.lastUsedAt) },
          {
            header: t('common.actions'),
            cell: (r) =>
              r.revokedAt ? (
                t('accounts.tokens.revoked')
              ) : (
                <Form ctx={ctx} action={`/account/tokens/${r.id}/revoke`}>
                  <Button variant="secondary">{t('accounts.tokens.revoke')}</Button>
                </Form>
              ),
          },
        ]}
      />
      <ErrorSummary ctx={ctx} errors={props.errors ?? []} />
      <Form ctx={ctx} action="/account/tokens" novalidate>
        <TextField name="name" label={t('accounts.tokens.name')} errors={props.errors} />
        <CheckboxField name="write" label={t('accounts.tokens.scopeWrite')} />
        <Button variant="secondary">{t('accounts.tokens.create')}</Button>
      </Form>
    </Layout>
  );
}
