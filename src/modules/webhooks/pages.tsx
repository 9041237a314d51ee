// /admin/webhooks: subscriptions, the form to add one, and the delivery log with replay.
import type { FieldError } from '../../kernel/http/errors.ts';
import { formatDateTime } from '../../kernel/i18n/index.ts';
import {
  Badge,
  Button,
  CheckboxField,
  ErrorSummary,
  Form,
  Notice,
  Table,
  TextField,
} from '../../kernel/ui/components.tsx';
import { Layout } from '../../kernel/ui/layout.tsx';
import type { PageContext } from '../../kernel/ui/page-context.ts';
import type { DeliveryRow, SubscriptionRow } from './queries.ts';
import { WEBHOOK_EVENTS } from './schema.ts';

export type WebhookFormValues = { url?: string; description?: string; events?: string[] };

const STATUS_TONE = { pending: 'info', delivered: 'success', failed: 'danger' } as const;

export function WebhooksPage(props: {
  ctx: PageContext;
  subscriptions: SubscriptionRow[];
  deliveries: DeliveryRow[];
  newSecret?: string;
  notice?: string;
  values?: WebhookFormValues;
  errors?: FieldError[];
}) {
  const { ctx } = props;
  const t = ctx.t;
  const urlOf = new Map(props.subscriptions.map((s) => [s.id, s.url]));
  const v = props.values ?? {};
  return (
    <Layout
      ctx={ctx}
      meta={{
        title: t('webhooks.title'),
        noindex: true,
        breadcrumbs: [{ href: '/admin', label: t('webhooks.admin') }, { label: t('webhooks.title') }],
      }}
    >
      <h1>{t('webhooks.title')}</h1>
      <p class="lead">{t('webhooks.intro')}</p>
      {props.notice ? <Notice tone="success">{props.notice}</Notice> : null}
      {props.newSecret ? (
        <Notice tone="success">
          <p>{t('webhooks.created')}</p>
          <code class="secret">{props.newSecret}</code>
        </Notice>
      ) : null}
      <h2>{t('webhooks.subscriptions')}</h2>
      <Table
        caption={t('webhooks.subscriptions')}
        rows={props.subscriptions}
        rowKey={(s) => s.id}
        empty={t('webhooks.none')}
        columns={[
          { header: t('webhooks.url'), cell: (s) => <code>{s.url}</code> },
          { header: t('webhooks.description'), cell: (s) => s.description ?? '' },
          {
            header: t('webhooks.events'),
            cell: (s) => s.events.map((e) => t(`webhooks.event.${e}`)).join(', '),
          },
          {
            header: t('webhooks.state'),
            cell: (s) => (
              <Badge tone={s.active ? 'success' : 'neutral'}>
                {t(s.active ? 'webhooks.active' : 'webhooks.paused')}
              </Badge>
            ),
          },
          {
            header: t('common.actions'),
            cell: (s) => (
              <Form ctx={ctx} action={`/admin/webhooks/${s.id}/${s.active ? 'pause' : 'resume'}`}>
                <Button variant="secondary">{t(s.active ? 'webhooks.pause' : 'webhooks.resume')}</Button>
              </Form>
            ),
          },
        ]}
      />
      <h2>{t('webhooks.add')}</h2>
      <ErrorSummary ctx={ctx} errors={props.errors ?? []} />
      <Form ctx={ctx} action="/admin/webhooks" novalidate>
        <TextField
          name="url"
          type="url"
          label={t('webhooks.url')}
          hint={t('webhooks.url.hint')}
          value={v.url}
          errors={props.errors}
          required
        />
        <TextField
          name="description"
          label={t('webhooks.description')}
          value={v.description}
          errors={props.errors}
        />
        <fieldset>
          <legend>{t('webhooks.events')}</legend>
          <ErrorSummary ctx={ctx} errors={(props.errors ?? []).filter((e) => e.field === 'events')} />
          {WEBHOOK_EVENTS.map((e) => (
            <CheckboxField
              key={e}
              name="events"
              value={e}
              label={t(`webhooks.event.${e}`)}
              checked={v.events?.includes(e)}
            />
          ))}
        </fieldset>
        <Button>{t('webhooks.create')}</Button>
      </Form>
      <h2>{t('webhooks.deliveries')}</h2>
      <Table
        caption={t('webhooks.deliveries')}
        rows={props.deliveries}
        rowKey={(d) => d.id}
        empty={t('webhooks.noDeliveries')}
        columns={[
          { header: '#', cell: (d) => (d.replayOfId ? `${d.id} (↻ ${d.replayOfId})` : String(d.id)) },
          { header: t('webhooks.when'), cell: (d) => formatDateTime(d.occurredAt) },
          { header: t('webhooks.url'), cell: (d) => <code>{urlOf.get(d.subscriptionId)}</code> },
          { header: t('webhooks.event'), cell: (d) => t(`webhooks.event.${d.event}`) },
          {
            header: t('webhooks.state'),
            cell: (d) => <Badge tone={STATUS_TONE[d.status]}>{t(`webhooks.status.${d.status}`)}</Badge>,
          },
          {
            header: t('webhooks.attempts'),
            numeric: true,
            cell: (d) => String(d.attempts),
          },
          {
            header: t('webhooks.lastAnswer'),
            cell: (d) =>
              [d.lastStatusCode ? `HTTP ${d.lastStatusCode}` : '', d.lastError ?? '']
                .filter(Boolean)
                .join(' — ') ||
              (d.nextAttemptAt ? t('webhooks.nextAt', { when: formatDateTime(d.nextAttemptAt) }) : ''),
          },
          {
            header: t('common.actions'),
            cell: (d) => (
              <Form ctx={ctx} action={`/admin/webhooks/deliveries/${d.id}/replay`}>
                <Button variant="secondary">{t('webhooks.replay')}</Button>
              </Form>
            ),
          },
        ]}
      />
    </Layout>
  );
}
