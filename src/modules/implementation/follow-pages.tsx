// The follow form (on public task and project pages) and the pages behind the
// links in follow emails: confirm, unfollow. Every step is a plain form post.
import type { FieldError } from '../../kernel/http/errors.ts';
import { Button, CheckboxField, ErrorSummary, Form, Notice, TextField } from '../../kernel/ui/components.tsx';
import { Layout } from '../../kernel/ui/layout.tsx';
import type { PageContext } from '../../kernel/ui/page-context.ts';
import type { FollowTarget } from './schema.ts';

export function FollowForm(props: {
  ctx: PageContext;
  targetType: FollowTarget;
  targetId: number;
  values?: Record<string, string>;
  errors?: FieldError[];
  /** Shown after a follow was asked for: "check your email". */
  sent?: boolean;
}) {
  const { ctx } = props;
  const t = ctx.t;
  const v = props.values ?? {};
  return (
    <section aria-labelledby="follow" class="follow">
      <h2 id="follow">{t('follow.title')}</h2>
      <p>{t(`follow.intro.${props.targetType}`)}</p>
      {props.sent ? <Notice tone="success">{t('follow.sent')}</Notice> : null}
      <ErrorSummary ctx={ctx} errors={props.errors ?? []} />
      <Form ctx={ctx} action="/theo-doi">
        <input type="hidden" name="targetType" value={props.targetType} />
        <input type="hidden" name="targetId" value={String(props.targetId)} />
        <TextField
          name="followEmail"
          type="email"
          autocomplete="email"
          label={t('follow.email')}
          value={v.followEmail}
          errors={props.errors}
          required
        />
        <CheckboxField
          name="followConsent"
          label={t('follow.consent')}
          hint={t('follow.consentHint')}
          errors={props.errors}
          checked={false}
        />
        <Button>{t('follow.submit')}</Button>
      </Form>
    </section>
  );
}

/** The follow form again, with its errors, when a post was refused. */
export function FollowErrorPage(props: {
  ctx: PageContext;
  item: { type: FollowTarget; id: number; title: string; path: string };
  values: Record<string, string>;
  errors: FieldError[];
}) {
  const { ctx, item } = props;
  return (
    <Layout
      ctx={ctx}
      meta={{
        title: ctx.t('follow.title'),
        noindex: true,
        breadcrumbs: [{ href: item.path, label: item.title }, { label: ctx.t('follow.title') }],
      }}
    >
      <h1>{item.title}</h1>
      <FollowForm
        ctx={ctx}
        targetType={item.type}
        targetId={item.id}
        values={props.values}
        errors={props.errors}
      />
    </Layout>
  );
}

/** Confirm or unfollow: a button to do it (a link alone never changes anything), then the result. */
export function FollowTokenPage(props: {
  ctx: PageContext;
  action: 'confirm' | 'unfollow';
  token: string;
  item: { title: string; path: string } | null;
  done: boolean;
}) {
  const { ctx, action, item } = props;
  const t = ctx.t;
  const title = t(`follow.${action}.title`);
  return (
    <Layout ctx={ctx} meta={{ title, noindex: true, breadcrumbs: [{ label: title }] }}>
      <h1>{title}</h1>
      {item ? (
        <p>
          <a href={item.path}>{item.title}</a>
        </p>
      ) : null}
      {props.done ? (
        <Notice tone="success">{t(`follow.${action}.done`)}</Notice>
      ) : (
        <>
          <p>{t(`follow.${action}.explain`)}</p>
          <Form ctx={ctx} action={`/theo-doi/${action === 'confirm' ? 'xac-nhan' : 'huy'}/${props.token}`}>
            <Button variant={action === 'unfollow' ? 'danger' : 'primary'}>
              {t(`follow.${action}.button`)}
            </Button>
          </Form>
        </>
      )}
    </Layout>
  );
}
