// A form that posts files (multipart/form-data) with the CSRF token. The route
// that receives it checks the token itself after reading the body.
import type { ComponentChildren } from 'preact';
import type { PageContext } from './page-context.ts';

export function UploadForm(props: {
  ctx: PageContext;
  action: string;
  children: ComponentChildren;
  id?: string;
}) {
  return (
    <form method="post" action={props.action} id={props.id} encType="multipart/form-data">
      <input type="hidden" name="_csrf" value={props.ctx.csrfToken} />
      {props.children}
    </form>
  );
}

export function FileField(props: {
  name: string;
  label: string;
  hint?: string;
  accept?: string;
  multiple?: boolean;
}) {
  const id = `f-${props.name}`;
  return (
    <div class="form-group">
      <label for={id}>{props.label}</label>
      {props.hint ? (
        <span class="hint" id={`${id}-hint`}>
          {props.hint}
        </span>
      ) : null}
      <input
        type="file"
        id={id}
        name={props.name}
        accept={props.accept}
        multiple={props.multiple}
        aria-describedby={props.hint ? `${id}-hint` : undefined}
      />
    </div>
  );
}
