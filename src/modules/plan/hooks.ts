// Extension points other modules use without the plan module knowing them:
// engagement puts its comment block under sections and items; any module adds
// its public pages to the sitemap.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ComponentChildren } from 'preact';

export type ContentTarget = { type: 'section' | 'item' | 'news'; id: number };
export type ContentHook = {
  afterTarget?: (
    request: FastifyRequest,
    reply: FastifyReply,
    target: ContentTarget,
  ) => Promise<ComponentChildren>;
  sitemapPaths?: () => Promise<string[]>;
};

const hooks: ContentHook[] = [];
export function registerContentHook(hook: ContentHook): void {
  hooks.push(hook);
}
export function contentHooks(): readonly ContentHook[] {
  return hooks;
}
