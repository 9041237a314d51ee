// /admin/sso: the claim → role rules for single sign-on.
import type { FieldError } from '../../kernel/http/errors.ts';
import {
  Button,
  ErrorSummary,
  Form,
  Notice,
  SelectField,
  Table,
  TextField,
} from '../../kernel/ui/components.tsx';
import { Layout } from '../../kernel/ui/layout.tsx';
import type { PageContext } from '../../kernel/ui/page-context.ts';
import { ROLES } from '../accounts/schema.ts';
import type { ssoRoleMappings } from './schema.ts';

type Mapping = typeof ssoRoleMappings.$inferSelect;

export function SsoAdminPage(props: {
  ctx: PageContext;
  enabled: boolean;
  issuer: string | null;
  callbackUrl: string;
  mappings: Mapping[];
  agencies: { value: number; label: string }[];
  errors?: FieldError[];
  values?: Record<string, string>;
}) {
  const { ctx } = props;
  const t = ctx.t;
  const agencyName = new Map(props.agencies.map((a) => [a.value, a.label]));
  const v = props.values ?? {};
  return (
    <Layout ctx={ctx} meta={{ title: t('sso.admin.title'), noindex: true }}>
      <h1>{t('sso.admin.title')}</h1>
      {props.enabled ? (
        <Notice>{t('sso.admin.enabled', { issuer: props.issuer ?? '', callback: props.callbackUrl })}</Notice>
      ) : (
        <Notice tone="warning">{t('sso.admin.disabled', { callback: props.callbackUrl })}</Notice>
      )}
      <p class="lead">{t('sso.admin.intro')}</p>
      <Table
        caption={t('sso.admin.rules')}
        rows={props.mappings}
        rowKey={(m) => m.id}
        empty={t('sso.admin.none')}
        columns={[
          { header: t('sso.admin.position'), numeric: true, cell: (m) => String(m.position) },
          { header: t('sso.admin.claim'), cell: (m) => <code>{m.claim}</code> },
          { header: t('sso.admin.value'), cell: (m) => <code>{m.value}</code> },
          { header: t('sso.admin.role'), cell: (m) => t(`accounts.role.${m.role}`) },
          {
            header: t('sso.admin.agency'),
            cell: (m) => (m.agencyId ? (agencyName.get(m.agencyId) ?? String(m.agencyId)) : t('common.none')),
          },
          {
            header: t('common.actions'),
            cell: (m) => (
              <Form ctx={ctx} action={`/admin/sso/mappings/${m.id}/delete`}>
                <Button variant="danger">{t('sso.admin.delete')}</Button>
              </Form>
            ),
          },
        ]}
      />
      <h2>{t('sso.admin.add')}</h2>
      <ErrorSummary ctx={ctx} errors={props.errors ?? []} />
      <Form ctx={ctx} action="/admin/sso/mappings" novalidate>
        <TextField
          name="claim"
          label={t('sso.admin.claim')}
          hint={t('sso.admin.claim.hint')}
          value={v.claim}
          errors={props.errors}
        />
        <TextField name="value" label={t('sso.admin.value')} value={v.value} errors={props.errors} />
        <SelectField
          name="role"
          label={t('sso.admin.role')}
          value={v.role}
          options={ROLES.map((r) => ({ value: r, label: t(`accounts.role.${r}`) }))}
          errors={props.errors}
        />
        <SelectField
          name="agencyId"
          label={t('sso.admin.agency')}
          value={v.agencyId}
          emptyLabel={t('common.none')}
          options={props.agencies}
          errors={props.errors}
        />
        <TextField
          name="position"
          type="number"
          label={t('sso.admin.position')}
          value={v.position ?? '0'}
          errors={props.errors}
        />
        <Button>{t('sso.admin.addButton')}</Button>
      </Form>
    </Layout>
  );
}
