import type { FieldError } from '../http/errors.ts';
import { Layout } from './layout.tsx';
import type { PageContext } from './page-context.ts';

export function ErrorPage(props: {
  ctx: PageContext;
  status: number;
  message: string;
  fields: FieldError[];
}) {
  const { ctx } = props;
  return (
    <Layout ctx={ctx} meta={{ title: `${props.status} — ${ctx.t('error.pageTitle')}`, noindex: true }}>
      <h1>{ctx.t('error.pageTitle')}</h1>
      <p class="lead">{props.message}</p>
      {props.fields.length > 0 ? (
        <ul>
          {props.fields.map((f) => (
            <li key={f.field}>{f.message}</li>
          ))}
        </ul>
      ) : null}
      <p>
        <a href="/">{ctx.t('error.backHome')}</a>
      </p>
    </Layout>
  );
}
