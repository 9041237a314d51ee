// Public pages of the plan's contents, PDFs and the sitemap.

import { eq } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { z } from 'zod';
import { notFound } from '../../kernel/http/errors.ts';
import { baseUrlOf, pageContext, sendPage } from '../../kernel/http/pages.ts';
import type { App, AppDeps } from '../../kernel/module.ts';
import { agencies } from '../agencies/schema.ts';
import { listAdminUnits } from '../geo/queries.ts';
import { type ContentTarget, contentHooks } from './hooks.ts';
import { mapLayers } from './map-layers.ts';
import { type LayerRow, MapPage } from './map-page.tsx';
import { ContentsPage, ItemListPage, ItemPage, itemFactsVi, SectionPage } from './pages.tsx';
import { ITEM_LIST_PATHS, itemPath, plainName, sectionPagePath } from './paths.ts';
import { itemPdf, planPdf } from './pdf.ts';
import { listPublicationEvents } from './publication.ts';
import {
  contentsPlan,
  flattenTree,
  getItemBySlug,
  itemsByIds,
  listItems,
  type Plan,
  sectionSubtree,
  sectionsOfItem,
  sectionTree,
} from './queries.ts';
import { ITEM_KINDS, type ItemKind } from './schema.ts';
import { mayEditPlan } from './use-cases.ts';

const slugParams = z.object({ slug: z.string().regex(/^[a-z0-9-]{1,120}$/) });
const pub = { config: { access: 'public' as const } };

/** What other modules (e.g. comments) show under a section or an item. */
async function renderHooks(request: FastifyRequest, reply: FastifyReply, target: ContentTarget) {
  const parts = [];
  for (const hk of contentHooks())
    if (hk.afterTarget) parts.push(await hk.afterTarget(request, reply, target));
  return parts;
}

export async function planPages(app: App, { db }: AppDeps): Promise<void> {
  async function plan(): Promise<Plan> {
    const p = await contentsPlan(db);
    if (!p) throw notFound();
    return p;
  }

  app.get('/quy-hoach', { ...pub, schema: { hide: true } }, async (request, reply) => {
    const p = await plan();
    const canEdit = mayEditPlan(request.user);
    const [tree, items, events] = await Promise.all([
      sectionTree(db, p.id, { includeDrafts: canEdit }),
      listItems(db, p.id),
      listPublicationEvents(db, p.id),
    ]);
    return sendPage(
      reply,
      h(ContentsPage, { ctx: pageContext(request, reply), plan: p, tree, items, events, canEdit }),
    );
  });

  app.get('/quy-hoach.pdf', { ...pub, schema: { hide: true } }, async (request, reply) => {
    const p = await plan();
    const pdf = await planPdf(p, await sectionTree(db, p.id), await listItems(db, p.id), baseUrlOf(request));
    return reply
      .type('application/pdf')
      .header('content-disposition', 'inline; filename="quy-hoach.pdf"')
      .send(pdf);
  });

  app.get(
    '/quy-hoach/:slug',
    { ...pub, schema: { hide: true, params: z.object({ slug: z.string().max(130) }) } },
    async (request, reply) => {
      const p = await plan();
      const isPdf = request.params.slug.endsWith('.pdf');
      const slug = isPdf ? request.params.slug.slice(0, -4) : request.params.slug;
      if (!slugParams.safeParse({ slug }).success) throw notFound();
      const canEdit = mayEditPlan(request.user);
      const node = await sectionSubtree(db, p.id, slug, { includeDrafts: canEdit });
      if (!node) throw notFound();
      // The items the section and its subsections link to (not every item of the plan).
      const items = await itemsByIds(db, [...new Set(flattenTree([node]).flatMap((n) => n.itemIds))]);
      if (isPdf) {
        const pdf = await planPdf(p, [node], items, baseUrlOf(request));
        return reply
          .type('application/pdf')
          .header('content-disposition', `inline; filename="${slug}.pdf"`)
          .send(pdf);
      }
      const after = await renderHooks(request, reply, { type: 'section', id: node.id });
      return sendPage(
        reply,
        h(SectionPage, { ctx: pageContext(request, reply), plan: p, node, items, after }),
      );
    },
  );

  for (const kind of ITEM_KINDS) {
    const base = ITEM_LIST_PATHS[kind];
    app.get(base, { ...pub, schema: { hide: true } }, async (request, reply) => {
      const p = await plan();
      const query = (request.query ?? {}) as Record<string, unknown>;
      const q = typeof query.q === 'string' && query.q.trim() ? query.q.trim().slice(0, 100) : undefined;
      const all = await listItems(db, p.id, { kind });
      const classes = [...new Set(all.map((i) => i.urbanClass).filter((c): c is string => !!c))].sort();
      const urbanClass =
        typeof query.class === 'string' && classes.includes(query.class) ? query.class : undefined;
      const items = await listItems(db, p.id, { kind, q, urbanClass });
      return sendPage(
        reply,
        h(ItemListPage, {
          ctx: pageContext(request, reply),
          kind,
          items,
          filter: { q, urbanClass },
          classes,
        }),
      );
    });
    app.get(
      `${base}/:slug`,
      { ...pub, schema: { hide: true, params: z.object({ slug: z.string().max(130) }) } },
      async (request, reply) => {
        const p = await plan();
        const isPdf = request.params.slug.endsWith('.pdf');
        const slug = isPdf ? request.params.slug.slice(0, -4) : request.params.slug;
        if (!slugParams.safeParse({ slug }).success) throw notFound();
        const item = await getItemBySlug(db, p.id, kind as ItemKind, slug);
        if (!item) throw notFound();
        const [agency] = item.responsibleAgencyId
          ? await db
              .select({ nameVi: agencies.nameVi, nameEn: agencies.nameEn })
              .from(agencies)
              .where(eq(agencies.id, item.responsibleAgencyId))
          : [];
        if (isPdf) {
          const url = `${baseUrlOf(request)}${itemPath(item.kind, item.slug)}`;
          const pdf = await itemPdf(p, item, itemFactsVi(item, agency?.nameVi ?? null), url);
          return reply
            .type('application/pdf')
            .header('content-disposition', `inline; filename="${slug}.pdf"`)
            .send(pdf);
        }
        const after = await renderHooks(request, reply, { type: 'item', id: item.id });
        return sendPage(
          reply,
          h(ItemPage, {
            ctx: pageContext(request, reply),
            item,
            sections: await sectionsOfItem(db, item.id),
            agency: agency ?? null,
            canEdit: mayEditPlan(request.user),
            after,
          }),
        );
      },
    );
  }

  app.get('/ban-do', { ...pub, schema: { hide: true } }, async (request, reply) => {
    const layers = mapLayers();
    const query = (request.query ?? {}) as Record<string, unknown>;
    const asked = ([] as unknown[])
      .concat(query.layers ?? [])
      .filter((v): v is string => typeof v === 'string');
    const on = asked.length
      ? layers.filter((l) => asked.includes(l.id)).map((l) => l.id)
      : layers.filter((l) => l.defaultOn).map((l) => l.id);
    const rows: Record<string, LayerRow[]> = {};
    const en = request.locale === 'en';
    const unitRows = (units: Awaited<ReturnType<typeof listAdminUnits>>) =>
      units
        .filter((u) => u.geometry)
        .map((u) => ({ id: u.id, name: en ? u.nameEn : u.fullNameVi, detail: u.code }));
    rows.province = unitRows(await listAdminUnits(db, { level: 'province', current: true }));
    rows.districts = unitRows(await listAdminUnits(db, { level: 'district' }));
    rows.communes = unitRows(await listAdminUnits(db, { level: 'commune', current: true }));
    const p = await contentsPlan(db);
    if (p) {
      for (const item of await listItems(db, p.id)) {
        if (!item.geometry) continue;
        const list = rows[item.kind] ?? [];
        rows[item.kind] = list;
        list.push({
          id: item.id,
          name: en && item.nameEn ? item.nameEn : plainName(item.nameVi),
          url: itemPath(item.kind, item.slug),
          detail: item.locationVi.join(', '),
        });
      }
    }
    for (const l of layers) if (l.tableRows) rows[l.id] = await l.tableRows(request.locale);
    return sendPage(reply, h(MapPage, { ctx: pageContext(request, reply), layers, on, rows }));
  });

  app.get('/sitemap.xml', { ...pub, schema: { hide: true } }, async (request, reply) => {
    const base = baseUrlOf(request);
    const p = await contentsPlan(db);
    const paths = ['/', '/quy-hoach', '/tim-kiem', '/ban-do', ...ITEM_KINDS.map((k) => ITEM_LIST_PATHS[k])];
    if (p) {
      for (const n of flattenTree(await sectionTree(db, p.id))) paths.push(sectionPagePath(n.slug));
      for (const i of await listItems(db, p.id)) paths.push(itemPath(i.kind, i.slug));
    }
    for (const hk of contentHooks()) if (hk.sitemapPaths) paths.push(...(await hk.sitemapPaths()));
    const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
    const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${[
      ...new Set(paths),
    ]
      .map((u) => `  <url><loc>${esc(base + u)}</loc></url>`)
      .join('\n')}\n</urlset>\n`;
    return reply.type('application/xml; charset=utf-8').send(xml);
  });
}
