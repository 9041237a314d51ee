import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';

/** Renders a page component to a full HTML document; text is escaped by Preact. */
export function renderDocument<P>(vnode: VNode<P>): string {
  return `<!doctype html>${renderToString(vnode)}`;
}
