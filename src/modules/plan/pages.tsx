// Public pages of the plan's contents: the contents with a table of contents and
// a deep link per section, one page per section, list and detail pages of items.
import { formatDate, formatNumber, translator } from '../../kernel/i18n/index.ts';
import {
  Badge,
  Button,
  LinkButton,
  Localized,
  langMark,
  localized,
  NoData,
  Notice,
  SelectField,
  SourceLinks,
  SummaryList,
  Table,
  TextField,
} from '../../kernel/ui/components.tsx';
import { Layout } from '../../kernel/ui/layout.tsx';
import type { PageContext } from '../../kernel/ui/page-context.ts';
import { renderMarkdown } from './markdown.ts';
import { ITEM_LIST_PATHS, itemPath, plainName, sectionPagePath } from './paths.ts';
import { type PublicationEvent, publicationDelay } from './publication.ts';
import type { Plan, PlanItem, PlanSection, SectionNode } from './queries.ts';
import type { ItemKind } from './schema.ts';
import { Term } from './terms.tsx';

const title = (ctx: PageContext, s: { titleVi: string; titleEn: string | null }) =>
  ctx.locale === 'en' && s.titleEn ? s.titleEn : s.titleVi;
const body = (ctx: PageContext, s: { bodyVi: string; bodyEn: string | null }) =>
  ctx.locale === 'en' && s.bodyEn ? s.bodyEn : s.bodyVi;
export const itemName = (ctx: PageContext, i: PlanItem) =>
  ctx.locale === 'en' && i.nameEn ? i.nameEn : plainName(i.nameVi);
/** "vi" when an English page shows the item's Vietnamese name (no English one). */
export const itemLang = (ctx: PageContext, i: PlanItem) => localized(ctx, plainName(i.nameVi), i.nameEn).lang;
export const planName = (ctx: PageContext, p: Plan) =>
  ctx.locale === 'en' && p.nameEn ? p.nameEn : p.nameVi;

function Markdown(props: { source: string; lang?: string }) {
  // Rendered by markdown-it with raw HTML disabled: safe to insert.
  return (
    <div class="prose" lang={props.lang} dangerouslySetInnerHTML={{ __html: renderMarkdown(props.source) }} />
  );
}

/** The section's title and body in the reader's language (Vietnamese, marked, when no English). */
const sectionTitle = (ctx: PageContext, s: { titleVi: string; titleEn: string | null }) =>
  localized(ctx, s.titleVi, s.titleEn);
const bodyLang = (ctx: PageContext, s: { bodyVi: string; bodyEn: string | null }) =>
  ctx.locale === 'en' && !s.bodyEn && s.bodyVi ? 'vi' : undefined;

function Toc(props: { ctx: PageContext; nodes: SectionNode[] }) {
  return (
    <ol class="toc__list">
      {props.nodes.map((n) => (
        <li key={n.id}>
          <a href={`#${n.slug}`} lang={sectionTitle(props.ctx, n).lang}>
            {title(props.ctx, n)}
          </a>
          {n.children.length ? <Toc ctx={props.ctx} nodes={n.children} /> : null}
        </li>
      ))}
    </ol>
  );
}

function ItemLinks(props: { ctx: PageContext; ids: number[]; items: Map<number, PlanItem> }) {
  const items = props.ids.map((id) => props.items.get(id)).filter((x): x is PlanItem => !!x);
  if (items.length === 0) return null;
  return (
    <div class="related-items">
      <h4 class="related-items__title">{props.ctx.t('plan.contents.items')}</h4>
      <ul class="chip-list">
        {items.map((i) => (
          <li key={i.id}>
            <a href={itemPath(i.kind, i.slug)} lang={itemLang(props.ctx, i)}>
              {itemName(props.ctx, i)}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

function SectionBlock(props: {
  ctx: PageContext;
  node: SectionNode;
  depth: number;
  items: Map<number, PlanItem>;
}) {
  const { ctx, node } = props;
  const Heading = (['h2', 'h3', 'h4'] as const)[Math.min(props.depth, 2)]!;
  return (
    <section class="plan-section" id={node.slug} aria-labelledby={`${node.slug}-h`}>
      <Heading id={`${node.slug}-h`}>
        <span lang={sectionTitle(ctx, node).lang}>{title(ctx, node)}</span>{' '}
        <a class="plan-section__anchor" href={sectionPagePath(node.slug)} title={ctx.t('plan.contents.link')}>
          <span aria-hidden="true">#</span>
          <span class="visually-hidden">{`${ctx.t('plan.contents.link')}: ${title(ctx, node)}`}</span>
        </a>
      </Heading>
      {node.status === 'draft' ? <Badge tone="warning">{ctx.t('plan.contents.draft')}</Badge> : null}
      <Markdown source={body(ctx, node)} lang={bodyLang(ctx, node)} />
      <SourceLinks ctx={ctx} sources={node.sources} />
      <ItemLinks ctx={ctx} ids={node.itemIds} items={props.items} />
      {node.children.map((c) => (
        <SectionBlock key={c.id} ctx={ctx} node={c} depth={props.depth + 1} items={props.items} />
      ))}
    </section>
  );
}

function PublicationBox(props: { ctx: PageContext; events: PublicationEvent[] }) {
  const { ctx } = props;
  if (props.events.length === 0) return null;
  return (
    <section class="card" aria-labelledby="publication-h">
      <h2 id="publication-h">{ctx.t('plan.publication.title')}</h2>
      {props.events.map((e) => {
        const d = publicationDelay(e.approvalDate, e.publicationDate);
        return (
          <div key={e.id}>
            <SummaryList
              items={[
                {
                  label: ctx.t('plan.publication.approved'),
                  value: e.approvalDate ? formatDate(e.approvalDate) : <NoData ctx={ctx} />,
                },
                {
                  label: ctx.t('plan.publication.published'),
                  value: e.publicationDate ? formatDate(e.publicationDate) : <NoData ctx={ctx} />,
                },
                {
                  label: ctx.t('plan.publication.channels'),
                  value: e.channels.length ? (
                    <Localized ctx={ctx} vi={e.channels.join('; ')} />
                  ) : (
                    <NoData ctx={ctx} />
                  ),
                },
              ]}
            />
            {d ? (
              <Notice tone={d.late ? 'warning' : 'success'}>
                {ctx.t(d.late ? 'plan.publication.late' : 'plan.publication.onTime', { days: d.days })}
              </Notice>
            ) : null}
            <SourceLinks ctx={ctx} sources={e.sources} />
          </div>
        );
      })}
    </section>
  );
}

export function ContentsPage(props: {
  ctx: PageContext;
  plan: Plan;
  tree: SectionNode[];
  items: PlanItem[];
  events: PublicationEvent[];
  canEdit: boolean;
}) {
  const { ctx, plan } = props;
  const items = new Map(props.items.map((i) => [i.id, i]));
  return (
    <Layout
      ctx={ctx}
      meta={{
        title: ctx.t('plan.contents.title'),
        description: ctx.t('plan.contents.description', { plan: planName(ctx, plan) }),
        canonicalPath: '/quy-hoach',
        breadcrumbs: [{ href: '/', label: ctx.t('home.nav') }, { label: ctx.t('plan.contents.title') }],
      }}
    >
      <h1>{planName(ctx, plan)}</h1>
      <p class="actions no-print">
        <LinkButton href="/quy-hoach.pdf" variant="secondary">
          {ctx.t('plan.contents.pdfAll')}
        </LinkButton>
        {props.canEdit ? (
          <LinkButton href="/admin/plan" variant="secondary">
            {ctx.t('plan.edit.manage')}
          </LinkButton>
        ) : null}
      </p>
      <PublicationBox ctx={ctx} events={props.events} />
      {props.tree.length === 0 ? (
        <p class="no-data">{ctx.t('plan.contents.empty')}</p>
      ) : (
        <>
          <nav class="toc" aria-labelledby="toc-h">
            <h2 id="toc-h">{ctx.t('plan.contents.toc')}</h2>
            <Toc ctx={ctx} nodes={props.tree} />
          </nav>
          {props.tree.map((n) => (
            <SectionBlock key={n.id} ctx={ctx} node={n} depth={0} items={items} />
          ))}
        </>
      )}
    </Layout>
  );
}

export function SectionPage(props: {
  ctx: PageContext;
  plan: Plan;
  node: SectionNode;
  items: PlanItem[];
  after?: preact.ComponentChildren;
}) {
  const { ctx, node } = props;
  const items = new Map(props.items.map((i) => [i.id, i]));
  const t = title(ctx, node);
  return (
    <Layout
      ctx={ctx}
      meta={{
        title: t,
        description: `${t} — ${planName(ctx, props.plan)}`,
        canonicalPath: sectionPagePath(node.slug),
        breadcrumbs: [
          { href: '/', label: ctx.t('home.nav') },
          { href: '/quy-hoach', label: ctx.t('plan.contents.title') },
          { label: t },
        ],
      }}
    >
      <p class="actions no-print">
        <LinkButton href={`/quy-hoach/${node.slug}.pdf`} variant="secondary">
          {ctx.t('plan.contents.pdfSection')}
        </LinkButton>
      </p>
      <div class="section-page">
        <SectionBlock ctx={ctx} node={node} depth={0} items={items} />
      </div>
      {props.after}
    </Layout>
  );
}

const areaText = (ctx: PageContext, i: PlanItem) =>
  i.areaHa === null ? <NoData ctx={ctx} /> : `${formatNumber(ctx.locale, Number(i.areaHa))} ha`;

function columnsFor(ctx: PageContext, kind: ItemKind) {
  const name = {
    header: ctx.t('plan.field.name'),
    cell: (i: PlanItem) => (
      <a href={itemPath(i.kind, i.slug)} lang={itemLang(ctx, i)}>
        {itemName(ctx, i)}
      </a>
    ),
  };
  const location = {
    header: ctx.t('plan.field.location'),
    cell: (i: PlanItem) =>
      i.locationVi.length ? <Localized ctx={ctx} vi={i.locationVi.join(', ')} /> : <NoData ctx={ctx} />,
  };
  const area = { header: ctx.t('plan.field.area'), numeric: true, cell: (i: PlanItem) => areaText(ctx, i) };
  switch (kind) {
    case 'industrial_park':
      return [
        name,
        area,
        location,
        {
          header: ctx.t('plan.field.group'),
          cell: (i: PlanItem) => (i.statusVi ? <Term ctx={ctx} value={i.statusVi} /> : <NoData ctx={ctx} />),
        },
      ];
    case 'industrial_cluster':
    case 'zone':
      return [name, area, location];
    case 'urban_area':
      return [
        name,
        { header: ctx.t('plan.field.class'), cell: (i: PlanItem) => i.urbanClass ?? <NoData ctx={ctx} /> },
        {
          header: ctx.t('plan.field.targetYear'),
          cell: (i: PlanItem) => i.targetYear ?? <NoData ctx={ctx} />,
        },
        location,
      ];
    case 'infrastructure':
      return [
        name,
        {
          header: ctx.t('plan.field.type'),
          cell: (i: PlanItem) => (i.subtype ? <Term ctx={ctx} value={i.subtype} /> : <NoData ctx={ctx} />),
        },
      ];
    default:
      return [
        name,
        {
          header: ctx.t('plan.field.summary'),
          cell: (i: PlanItem) =>
            i.isPlaceholder ? (
              <NoData ctx={ctx} />
            ) : (
              <Localized ctx={ctx} vi={(i.summaryVi ?? '').slice(0, 160)} en={i.summaryEn?.slice(0, 160)} />
            ),
        },
      ];
  }
}

export function ItemListPage(props: {
  ctx: PageContext;
  kind: ItemKind;
  items: PlanItem[];
  filter: { q?: string; urbanClass?: string };
  classes: string[];
}) {
  const { ctx, kind } = props;
  const kindLabel = ctx.t(`plan.kind.${kind}`);
  return (
    <Layout
      ctx={ctx}
      meta={{
        title: kindLabel,
        description: ctx.t('plan.list.description', { kind: kindLabel.toLowerCase() }),
        canonicalPath: ITEM_LIST_PATHS[kind],
        breadcrumbs: [{ href: '/', label: ctx.t('home.nav') }, { label: kindLabel }],
      }}
    >
      <h1>{kindLabel}</h1>
      <form
        method="get"
        action={ITEM_LIST_PATHS[kind]}
        class="filter-form no-print"
        aria-label={ctx.t('common.filter')}
      >
        <TextField name="q" label={ctx.t('plan.list.filterName')} value={props.filter.q ?? ''} />
        {kind === 'urban_area' ? (
          <SelectField
            name="class"
            label={ctx.t('plan.list.filterClass')}
            value={props.filter.urbanClass ?? ''}
            options={[
              { value: '', label: ctx.t('common.all') },
              ...props.classes.map((c) => ({ value: c, label: c })),
            ]}
          />
        ) : null}
        <Button type="submit" variant="secondary">
          {ctx.t('common.filter')}
        </Button>
      </form>
      <p>{ctx.t('plan.list.count', { count: props.items.length })}</p>
      <Table
        caption={ctx.t('plan.list.caption', { kind: kindLabel.toLowerCase() })}
        rows={props.items}
        rowKey={(i) => i.id}
        columns={columnsFor(ctx, kind)}
        empty={ctx.t('layout.noData')}
      />
    </Layout>
  );
}

/** The sources' notes are in Vietnamese or English: mark the one that is not the page's language. */
const langOfNote = langMark;

function detailValue(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return v.map(detailValue).join('; ');
  if (typeof v === 'object')
    return Object.entries(v as Record<string, unknown>)
      .map(([k, x]) => `${k}: ${detailValue(x)}`)
      .join(', ');
  if (typeof v === 'number') return formatNumber('vi', v);
  return String(v);
}

/** The item's facts as plain Vietnamese text (for its PDF). */
export function itemFactsVi(item: PlanItem, agencyName: string | null): { label: string; value: string }[] {
  const t = translator('vi');
  const none = t('layout.noData');
  const out: { label: string; value: string }[] = [
    { label: t('plan.field.type'), value: t(`plan.kind.${item.kind}`) },
  ];
  if (['industrial_park', 'industrial_cluster', 'zone'].includes(item.kind))
    out.push({
      label: t('plan.field.area'),
      value: item.areaHa === null ? none : `${formatNumber('vi', Number(item.areaHa))} ha`,
    });
  if (item.kind === 'urban_area') {
    out.push({ label: t('plan.field.class'), value: item.urbanClass ?? none });
    out.push({ label: t('plan.field.targetYear'), value: item.targetYear ? String(item.targetYear) : none });
  }
  if (item.statusVi)
    out.push({
      label: t(item.kind === 'industrial_park' ? 'plan.field.group' : 'plan.field.status'),
      value: item.statusVi,
    });
  if (item.kind !== 'sector' && item.kind !== 'breakthrough')
    out.push({ label: t('plan.field.location'), value: item.locationVi.join(', ') || none });
  out.push({ label: t('plan.field.agency'), value: agencyName ?? t('plan.field.agencyNone') });
  return out;
}

export function ItemPage(props: {
  ctx: PageContext;
  item: PlanItem;
  sections: PlanSection[];
  agency?: { nameVi: string; nameEn: string | null } | null;
  canEdit?: boolean;
  after?: preact.ComponentChildren;
}) {
  const { ctx, item } = props;
  const kindLabel = ctx.t(`plan.kind.${item.kind}`);
  const name = itemName(ctx, item);
  const facts: { label: string; value: preact.ComponentChildren }[] = [];
  if (item.nameVi !== name)
    facts.push({ label: ctx.t('plan.field.name'), value: <span lang="vi">{item.nameVi}</span> });
  if (['industrial_park', 'industrial_cluster', 'zone'].includes(item.kind))
    facts.push({ label: ctx.t('plan.field.area'), value: areaText(ctx, item) });
  if (item.kind === 'urban_area') {
    facts.push({ label: ctx.t('plan.field.class'), value: item.urbanClass ?? <NoData ctx={ctx} /> });
    facts.push({ label: ctx.t('plan.field.targetYear'), value: item.targetYear ?? <NoData ctx={ctx} /> });
  }
  if (item.subtype)
    facts.push({ label: ctx.t('plan.field.type'), value: <Term ctx={ctx} value={item.subtype} /> });
  if (item.statusVi)
    facts.push({
      label: ctx.t(item.kind === 'industrial_park' ? 'plan.field.group' : 'plan.field.status'),
      value: <Term ctx={ctx} value={item.statusVi} />,
    });
  if (item.kind !== 'sector' && item.kind !== 'breakthrough')
    facts.push({
      label: ctx.t('plan.field.location'),
      value: item.locationVi.length ? (
        <Localized ctx={ctx} vi={item.locationVi.join(', ')} />
      ) : (
        <NoData ctx={ctx} />
      ),
    });
  if (item.kind !== 'sector' && item.kind !== 'breakthrough')
    facts.push({
      label: ctx.t('plan.field.agency'),
      value: props.agency ? (
        <Localized ctx={ctx} vi={props.agency.nameVi} en={props.agency.nameEn} />
      ) : (
        ctx.t('plan.field.agencyNone')
      ),
    });
  const notes = ['note', 'area_note', 'location_note', 'investment_note']
    .map((k) => item.details[k])
    .filter((v) => typeof v === 'string') as string[];
  const [lng, lat] = item.geometry?.coordinates ?? [];
  const strings = (v: unknown) =>
    Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  const directionsEn = ctx.locale === 'en' ? strings(item.details.directions_en) : [];
  const directions = directionsEn.length ? directionsEn : strings(item.details.directions_vi);
  const directionsLang = !directionsEn.length && ctx.locale === 'en' ? 'vi' : undefined;
  return (
    <Layout
      ctx={ctx}
      meta={{
        title: name,
        description: ctx.t('plan.item.description', { name }),
        canonicalPath: itemPath(item.kind, item.slug),
        breadcrumbs: [
          { href: '/', label: ctx.t('home.nav') },
          { href: ITEM_LIST_PATHS[item.kind], label: kindLabel },
          { label: name },
        ],
      }}
    >
      <p class="eyebrow">{kindLabel}</p>
      <h1 lang={itemLang(ctx, item)}>{name}</h1>
      <p class="actions no-print">
        <LinkButton href={`${itemPath(item.kind, item.slug)}.pdf`} variant="secondary">
          {ctx.t('plan.item.pdf')}
        </LinkButton>
        {props.canEdit ? (
          <LinkButton href={`/admin/plan/items/${item.id}`} variant="secondary">
            {ctx.t('plan.edit.item')}
          </LinkButton>
        ) : null}
      </p>
      {item.isPlaceholder ? <Notice tone="warning">{ctx.t('plan.item.placeholder')}</Notice> : null}
      {item.isSample ? <Badge tone="sample">{ctx.t('layout.sampleBadge')}</Badge> : null}
      {facts.length ? <SummaryList items={facts} /> : null}
      {item.summaryVi && !item.isPlaceholder ? (
        <Localized ctx={ctx} as="p" vi={item.summaryVi} en={item.summaryEn} />
      ) : null}
      {directions.length ? (
        <ul lang={directionsLang}>
          {directions.map((d) => (
            <li key={d}>{d}</li>
          ))}
        </ul>
      ) : null}
      <SourceLinks ctx={ctx} sources={item.sources} />
      {notes.length ? (
        <details class="notes">
          <summary>{ctx.t('plan.field.notes')}</summary>
          <ul>
            {notes.map((n) => (
              <li key={n} lang={langOfNote(ctx, n)}>
                {n}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {Array.isArray(item.details.implementation) || typeof item.details.implementation === 'object' ? (
        <p class="muted" lang={langOfNote(ctx, detailValue(item.details.implementation))}>
          {detailValue(item.details.implementation)}
        </p>
      ) : null}
      <p class="no-print">
        {item.geometry ? (
          <>
            <a class="button button--secondary" href={`/ban-do#map=11/${lat}/${lng}`}>
              {ctx.t('plan.item.onMap')}
            </a>{' '}
            {item.placeNote?.startsWith('district:') ? (
              <small class="muted">{ctx.t('plan.item.placeApprox')}</small>
            ) : null}
          </>
        ) : item.kind !== 'sector' && item.kind !== 'breakthrough' ? (
          <span class="no-data">{ctx.t('plan.item.noPlace')}</span>
        ) : null}
      </p>
      {props.sections.length ? (
        <>
          <h2>{ctx.t('plan.item.sections')}</h2>
          <ul>
            {props.sections.map((s) => (
              <li key={s.id}>
                <a href={sectionPagePath(s.slug)} lang={sectionTitle(ctx, s).lang}>
                  {title(ctx, s)}
                </a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {props.after}
    </Layout>
  );
}
