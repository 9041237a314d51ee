// The design system's components. Pages compose these; no page builds its own
// table, badge or form field markup.
import type { ComponentChildren } from 'preact';
import type { FieldError } from '../http/errors.ts';
import type { PageContext } from './page-context.ts';

export type BadgeTone = 'neutral' | 'success' | 'warning' | 'danger' | 'info' | 'sample';

export function Badge(props: { tone?: BadgeTone; children: ComponentChildren }) {
  return <span class={`badge badge--${props.tone ?? 'neutral'}`}>{props.children}</span>;
}

export function SampleBadge(props: { ctx: PageContext }) {
  return <Badge tone="sample">{props.ctx.t('layout.sampleBadge')}</Badge>;
}

export function NoData(props: { ctx: PageContext; children?: ComponentChildren }) {
  return <span class="no-data">{props.children ?? props.ctx.t('layout.noData')}</span>;
}

const VIETNAMESE_LETTERS = /[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/i;

/** Does this text carry Vietnamese letters (so it is Vietnamese, not English)? */
export function looksVietnamese(text: string): boolean {
  return VIETNAMESE_LETTERS.test(text);
}

/**
 * A value in the reader's language: the English one on an English page when it
 * exists, else the Vietnamese one, marked lang="vi" on an English page so
 * screen readers pronounce it right. `lang` is undefined when no mark is needed.
 */
export function localized(
  ctx: PageContext,
  vi: string,
  en?: string | null,
): { text: string; lang: 'vi' | undefined } {
  if (ctx.locale === 'en' && en) return { text: en, lang: undefined };
  return { text: vi, lang: ctx.locale === 'en' && looksVietnamese(vi) ? 'vi' : undefined };
}

/**
 * The lang mark a text taken from the data needs on this page: "vi" for
 * Vietnamese words on an English page, "en" for English words (e.g. a source's
 * note "construction started in 2025") on a Vietnamese page, else none.
 */
export function langMark(ctx: PageContext, text: string): 'vi' | 'en' | undefined {
  const vi = looksVietnamese(text);
  if (ctx.locale === 'en') return vi ? 'vi' : undefined;
  return !vi && /[a-z]{3,}\s+[a-z]{2,}/i.test(text) ? 'en' : undefined;
}

/** A text from the data, as written, marked with its language when it is not the page's. */
export function DataText(props: { ctx: PageContext; value: string; as?: 'span' | 'p' | 'li' }) {
  const Tag = props.as ?? 'span';
  return <Tag lang={langMark(props.ctx, props.value)}>{props.value}</Tag>;
}

/** `localized` as an element (a span unless `as` says otherwise). */
export function Localized(props: {
  ctx: PageContext;
  vi: string;
  en?: string | null;
  as?: 'span' | 'p' | 'div' | 'li';
  class?: string;
}) {
  const { text, lang } = localized(props.ctx, props.vi, props.en);
  const Tag = props.as ?? 'span';
  if (!lang && Tag === 'span' && !props.class) return <>{text}</>;
  return (
    <Tag lang={lang} class={props.class}>
      {text}
    </Tag>
  );
}

export function ProgressBar(props: { value: number | null; label: string }) {
  if (props.value === null) return null;
  const v = Math.max(0, Math.min(100, props.value));
  return (
    <div class="progress">
      <div
        class="progress__track"
        role="progressbar"
        aria-valuenow={v}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-label={props.label}
      >
        <div class="progress__bar" style={`width:${v}%`} />
      </div>
      <span>{`${Math.round(v)}%`}</span>
    </div>
  );
}

export function Notice(props: {
  tone?: 'info' | 'success' | 'warning' | 'danger';
  children: ComponentChildren;
}) {
  const tone = props.tone ?? 'info';
  return (
    <div class={`notice notice--${tone}`} role={tone === 'danger' ? 'alert' : 'status'}>
      {props.children}
    </div>
  );
}

export function SourceLinks(props: { ctx: PageContext; sources: readonly string[] | null | undefined }) {
  const sources = props.sources ?? [];
  if (sources.length === 0) return null;
  const list = (
    <ul>
      {sources.map((s) => (
        <li key={s}>
          <a href={s} rel="noopener noreferrer external">
            {s}
          </a>
        </li>
      ))}
    </ul>
  );
  // Many links would bury the content: past two, they fold into a disclosure.
  return sources.length <= 2 ? (
    <div class="sources">
      <span>{props.ctx.t('layout.sources')}: </span>
      {list}
    </div>
  ) : (
    <details class="sources">
      <summary>{`${props.ctx.t('layout.sources')} (${sources.length})`}</summary>
      {list}
    </details>
  );
}

export type Column<Row> = {
  header: string;
  cell: (row: Row) => ComponentChildren;
  numeric?: boolean;
};

export function Table<Row>(props: {
  caption?: string;
  columns: Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string | number;
  empty?: ComponentChildren;
}) {
  if (props.rows.length === 0 && props.empty) return <p class="no-data">{props.empty}</p>;
  return (
    <div class="table-wrap">
      <table class="table">
        {props.caption ? <caption>{props.caption}</caption> : null}
        <thead>
          <tr>
            {props.columns.map((c) => (
              <th scope="col" key={c.header} class={c.numeric ? 'num' : undefined}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr key={props.rowKey(row)}>
              {props.columns.map((c) => (
                <td key={c.header} class={c.numeric ? 'num' : undefined}>
                  {c.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function SummaryList(props: { items: { label: string; value: ComponentChildren }[] }) {
  return (
    <dl class="summary-list">
      {props.items.map((i) => (
        <>
          <dt key={`${i.label}-t`}>{i.label}</dt>
          <dd key={`${i.label}-d`}>{i.value}</dd>
        </>
      ))}
    </dl>
  );
}

/** GOV.UK-style error summary: listed at the top, each linking to its field. */
export function ErrorSummary(props: { ctx: PageContext; errors: FieldError[]; message?: string }) {
  if (props.errors.length === 0 && !props.message) return null;
  return (
    <div
      class="error-summary"
      role="alert"
      tabIndex={-1}
      aria-labelledby="error-summary-title"
      data-module="error-summary"
    >
      <h2 id="error-summary-title">{props.ctx.t('common.errorSummaryTitle')}</h2>
      {props.message ? <p>{props.message}</p> : null}
      <ul>
        {props.errors.map((e) => (
          <li key={e.field}>
            <a href={`#${fieldId(e.field)}`}>{e.message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function fieldId(name: string): string {
  return `f-${name.replace(/[^a-zA-Z0-9_-]/g, '-')}`;
}

type FieldProps = {
  name: string;
  label: string;
  hint?: string;
  errors?: FieldError[];
};

function errorFor(errors: FieldError[] | undefined, name: string): string | undefined {
  return errors?.find((e) => e.field === name)?.message;
}

function FieldShell(props: FieldProps & { children: ComponentChildren }) {
  const error = errorFor(props.errors, props.name);
  const id = fieldId(props.name);
  return (
    <div class={`form-group${error ? ' form-group--error' : ''}`}>
      <label for={id}>{props.label}</label>
      {props.hint ? (
        <span class="hint" id={`${id}-hint`}>
          {props.hint}
        </span>
      ) : null}
      {error ? (
        <span class="field-error" id={`${id}-error`}>
          {error}
        </span>
      ) : null}
      {props.children}
    </div>
  );
}

function describedBy(props: FieldProps): string | undefined {
  const id = fieldId(props.name);
  const ids = [
    props.hint ? `${id}-hint` : '',
    errorFor(props.errors, props.name) ? `${id}-error` : '',
  ].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

export function TextField(
  props: FieldProps & {
    value?: string | number | null;
    type?: 'text' | 'email' | 'password' | 'number' | 'date' | 'url' | 'search';
    required?: boolean;
    autocomplete?: string;
    multiline?: boolean;
  },
) {
  const hasError = Boolean(errorFor(props.errors, props.name));
  const common = {
    id: fieldId(props.name),
    name: props.name,
    required: props.required,
    'aria-describedby': describedBy(props),
    'aria-invalid': hasError ? ('true' as const) : undefined,
    class: hasError ? 'input--error' : undefined,
  };
  return (
    <FieldShell {...props}>
      {props.multiline ? (
        <textarea {...common}>{props.value ?? ''}</textarea>
      ) : (
        <input
          {...common}
          type={props.type ?? 'text'}
          value={props.value ?? ''}
          autoComplete={props.autocomplete}
        />
      )}
    </FieldShell>
  );
}

export function SelectField(
  props: FieldProps & {
    value?: string | number | null;
    options: { value: string | number; label: string }[];
    emptyLabel?: string;
  },
) {
  const hasError = Boolean(errorFor(props.errors, props.name));
  return (
    <FieldShell {...props}>
      <select
        id={fieldId(props.name)}
        name={props.name}
        aria-describedby={describedBy(props)}
        aria-invalid={hasError ? 'true' : undefined}
        class={hasError ? 'input--error' : undefined}
      >
        {props.emptyLabel !== undefined ? <option value="">{props.emptyLabel}</option> : null}
        {props.options.map((o) => (
          <option key={o.value} value={o.value} selected={String(o.value) === String(props.value ?? '')}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

export function CheckboxField(props: FieldProps & { checked?: boolean; value?: string }) {
  const error = errorFor(props.errors, props.name);
  const id = fieldId(props.name);
  return (
    <div class={`form-group${error ? ' form-group--error' : ''}`}>
      {error ? (
        <span class="field-error" id={`${id}-error`}>
          {error}
        </span>
      ) : null}
      <div class="checkbox">
        <input
          type="checkbox"
          id={id}
          name={props.name}
          value={props.value ?? 'on'}
          checked={props.checked}
          aria-describedby={describedBy(props)}
        />
        <label for={id}>{props.label}</label>
      </div>
      {props.hint ? (
        <span class="hint" id={`${id}-hint`}>
          {props.hint}
        </span>
      ) : null}
    </div>
  );
}

/** A form that posts with the CSRF token; every state-changing page form uses it. */
export function Form(props: {
  ctx: PageContext;
  action: string;
  children: ComponentChildren;
  id?: string;
  novalidate?: boolean;
}) {
  return (
    <form method="post" action={props.action} id={props.id} noValidate={props.novalidate}>
      <input type="hidden" name="_csrf" value={props.ctx.csrfToken} />
      {props.children}
    </form>
  );
}

export function Button(props: {
  children: ComponentChildren;
  variant?: 'primary' | 'secondary' | 'danger';
  type?: 'submit' | 'button';
  name?: string;
  value?: string;
}) {
  const variant = props.variant && props.variant !== 'primary' ? ` button--${props.variant}` : '';
  return (
    <button class={`button${variant}`} type={props.type ?? 'submit'} name={props.name} value={props.value}>
      {props.children}
    </button>
  );
}

export function LinkButton(props: {
  href: string;
  children: ComponentChildren;
  variant?: 'primary' | 'secondary';
}) {
  return (
    <a class={`button${props.variant === 'secondary' ? ' button--secondary' : ''}`} href={props.href}>
      {props.children}
    </a>
  );
}
