// /admin/privacy: an administrator answers a person's request to see or erase their data.
import type { FieldError } from '../../kernel/http/errors.ts';
import { Button, CheckboxField, ErrorSummary, Form, Notice, TextField } from '../../kernel/ui/components.tsx';
import { Layout } from '../../kernel/ui/layout.tsx';
import type { PageContext } from '../../kernel/ui/page-context.ts';

export function PrivacyPage(props: {
  ctx: PageContext;
  retentionDays: number;
  email?: string;
  errors?: FieldError[];
  notice?: string;
}) {
  const { ctx, errors = [] } = props;
  const t = ctx.t;
  return (
    <Layout ctx={ctx} meta={{ title: t('privacy.title'), noindex: true }}>
      <h1>{t('privacy.title')}</h1>
      {props.notice ? <Notice tone="success">{props.notice}</Notice> : null}
      <ErrorSummary ctx={ctx} errors={errors} />
      <p>{t('privacy.intro')}</p>
      <p class="muted">
        {props.retentionDays > 0
          ? t('privacy.retention', { days: props.retentionDays })
          : t('privacy.retention.off')}
      </p>
      <Form ctx={ctx} action="/admin/privacy/export">
        <TextField
          name="email"
          type="email"
          label={t('privacy.email')}
          value={props.email}
          errors={errors}
          required
        />
        <Button>{t('privacy.export')}</Button>
      </Form>
      <h2>{t('privacy.erase')}</h2>
      <Form ctx={ctx} action="/admin/privacy/erase">
        <TextField
          name="email"
          type="email"
          label={t('privacy.email')}
          value={props.email}
          errors={errors}
          required
        />
        <CheckboxField name="confirm" label={t('privacy.confirm')} errors={errors} />
        <Button variant="danger">{t('privacy.erase')}</Button>
      </Form>
    </Layout>
  );
}
