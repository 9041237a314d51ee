import type { ComponentChildren } from 'preact';
import { formatDate } from '../../kernel/i18n/index.ts';
import {
  Badge,
  type BadgeTone,
  Localized,
  NoData,
  SourceLinks,
  SummaryList,
  Table,
} from '../../kernel/ui/components.tsx';
import { Layout } from '../../kernel/ui/layout.tsx';
import type { PageContext } from '../../kernel/ui/page-context.ts';
import type { MapLayer } from '../plan/map-layers.ts';
import { ITEM_LIST_PATHS, itemPath, plainName } from '../plan/paths.ts';
import type { PlanItemLink, Plan as PlanRow } from '../plan/queries.ts';
import { ITEM_KINDS } from '../plan/schema.ts';
import { term } from '../plan/terms.tsx';
import { HomeMap } from './map-block.tsx';

const statusTone: Record<PlanRow['status'], BadgeTone> = {
  draft: 'neutral',
  adopted: 'info',
  approved: 'success',
  superseded: 'neutral',
  expired: 'neutral',
};

function decisionLabel(ctx: PageContext, plan: PlanRow): string {
  const number = plan.decisionNumber ?? ctx.t('home.decisionNumberUnknown');
  const type = plan.decisionType ? term(ctx, plan.decisionType).text : '';
  const date = plan.decisionDate ? ` (${formatDate(plan.decisionDate)})` : '';
  return `${type} ${number}${date}`.trim();
}

type Goals = { by_2030_vi?: string[]; by_2050_vi?: string[]; sources?: string[] };

function AtAGlance(props: { ctx: PageContext; plan: PlanRow; items: PlanItemLink[] }) {
  const { ctx, plan, items } = props;
  const t = ctx.t;
  const goals = (plan.facts.goals ?? {}) as Goals;
  const breakthroughs = items.filter((i) => i.kind === 'breakthrough');
  const sectors = items.filter((i) => i.kind === 'sector');
  // The goals are kept as published, in Vietnamese.
  const goalsLang = ctx.locale === 'en' ? 'vi' : undefined;
  return (
    <>
      <div class="glance">
        <section class="card" aria-labelledby="vision-h">
          <h2 id="vision-h">{t('plan.home.vision', { year: plan.visionYear ?? '' })}</h2>
          {goals.by_2050_vi?.length ? (
            <ul lang={goalsLang}>
              {goals.by_2050_vi.map((g) => (
                <li key={g}>{g}</li>
              ))}
            </ul>
          ) : (
            <NoData ctx={ctx} />
          )}
          <SourceLinks ctx={ctx} sources={goals.sources} />
        </section>
        <section class="card" aria-labelledby="goals-h">
          <h2 id="goals-h">{t('plan.home.goals2030')}</h2>
          {goals.by_2030_vi?.length ? (
            <ul lang={goalsLang}>
              {goals.by_2030_vi.map((g) => (
                <li key={g}>{g}</li>
              ))}
            </ul>
          ) : (
            <NoData ctx={ctx} />
          )}
          <SourceLinks ctx={ctx} sources={goals.sources} />
        </section>
      </div>
      <section aria-labelledby="bt-h">
        <h2 id="bt-h">{t('plan.home.breakthroughs')}</h2>
        <ol class="chip-list">
          {breakthroughs.map((b) => (
            <li key={b.id}>
              <a href={itemPath(b.kind, b.slug)}>
                <Localized
                  ctx={ctx}
                  class={b.isPlaceholder ? 'no-data' : undefined}
                  vi={plainName(b.nameVi)}
                  en={b.nameEn}
                />
              </a>
            </li>
          ))}
        </ol>
      </section>
      <section aria-labelledby="sectors-h">
        <h2 id="sectors-h">{t('plan.home.sectors')}</h2>
        <ul class="chip-list">
          {sectors.map((s) => (
            <li key={s.id}>
              <a href={itemPath(s.kind, s.slug)}>
                <Localized ctx={ctx} vi={s.nameVi} en={s.nameEn} />
              </a>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="explore-h">
        <h2 id="explore-h">{t('plan.home.explore')}</h2>
        <ul class="chip-list">
          <li>
            <a href="/quy-hoach">{t('plan.home.readAll')}</a>
          </li>
          <li>
            <a href="/ban-do">{t('map.title')}</a>
          </li>
          {ITEM_KINDS.filter((k) => k !== 'breakthrough' && k !== 'sector').map((k) => (
            <li key={k}>
              <a
                href={ITEM_LIST_PATHS[k]}
              >{`${t(`plan.kind.${k}`)} (${items.filter((i) => i.kind === k).length})`}</a>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

export function HomePage(props: {
  ctx: PageContext;
  featured: PlanRow | null;
  plans: PlanRow[];
  contents?: PlanRow | null;
  items?: PlanItemLink[];
  extra?: ComponentChildren[];
  mapLayers?: readonly MapLayer[];
}) {
  const { ctx, featured } = props;
  const t = ctx.t;
  const name = (p: PlanRow) => (ctx.locale === 'en' && p.nameEn ? p.nameEn : p.nameVi);
  return (
    <Layout
      ctx={ctx}
      meta={{
        title: featured ? name(featured) : t('home.title'),
        description: t('home.description', { province: featured?.provinceNameVi ?? '' }),
        canonicalPath: '/',
      }}
    >
      {featured ? (
        <>
          <h1>{name(featured)}</h1>
          {featured.summaryVi && ctx.locale === 'vi' ? <p class="lead">{featured.summaryVi}</p> : null}
          {featured.summaryEn && ctx.locale === 'en' ? <p class="lead">{featured.summaryEn}</p> : null}
          <SummaryList
            items={[
              { label: t('home.province'), value: <Localized ctx={ctx} vi={featured.provinceNameVi} /> },
              { label: t('home.period'), value: `${featured.periodStart}–${featured.periodEnd}` },
              { label: t('home.vision'), value: featured.visionYear ?? <NoData ctx={ctx} /> },
              { label: t('home.decision'), value: decisionLabel(ctx, featured) },
              {
                label: t('home.status'),
                value: (
                  <Badge tone={statusTone[featured.status]}>{t(`plan.status.${featured.status}`)}</Badge>
                ),
              },
            ]}
          />
          <SourceLinks ctx={ctx} sources={featured.sources} />
          {props.contents ? <AtAGlance ctx={ctx} plan={props.contents} items={props.items ?? []} /> : null}
          {props.mapLayers ? <HomeMap ctx={ctx} layers={props.mapLayers} /> : null}
          {props.extra}
        </>
      ) : (
        <>
          <h1>{t('home.title')}</h1>
          <p class="no-data">{t('home.noPlan')}</p>
        </>
      )}
      {props.plans.length > 0 ? (
        <>
          <h2>{t('home.versions')}</h2>
          <Table
            rows={props.plans}
            rowKey={(p) => p.id}
            columns={[
              { header: t('home.title'), cell: name },
              { header: t('home.province'), cell: (p) => <Localized ctx={ctx} vi={p.provinceNameVi} /> },
              { header: t('home.decision'), cell: (p) => decisionLabel(ctx, p) },
              {
                header: t('home.status'),
                cell: (p) => <Badge tone={statusTone[p.status]}>{t(`plan.status.${p.status}`)}</Badge>,
              },
            ]}
          />
        </>
      ) : null}
    </Layout>
  );
}

const ATTRIBUTIONS = [
  {
    text: 'Administrative boundaries: dvhcvn by Đào Hoàng Sơn, licensed GPL-3.0; original data from Cổng Thông tin điện tử Chính phủ (gis.chinhphu.vn) and Tổng cục Thống kê (GSO).',
    url: 'https://github.com/daohoangson/dvhcvn',
  },
  {
    text: 'Mapping between pre-2025 and 2025 communes: dvhcvn/20250701, MIT licence, Copyright (c) 2025 dvhcvn.',
    url: 'https://github.com/dvhcvn/20250701',
  },
  {
    text: 'Vietnam Administrative Divisions Dataset (CC-BY-4.0): names, codes and points of the 2025 communes.',
    url: 'https://github.com/open-admin-data/vietnam-administrative-divisions',
  },
];

export function DataSourcesPage(props: { ctx: PageContext }) {
  const { ctx } = props;
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('about.data.title') }}>
      <h1>{ctx.t('about.data.title')}</h1>
      <p>
        {ctx.locale === 'vi'
          ? 'Các số liệu về quy hoạch được tổng hợp từ nguồn công khai; mỗi số liệu có liên kết đến nguồn. Điều chưa có dữ liệu được để trống.'
          : 'Facts about the plan are compiled from public sources; every figure links to its source. What is unknown is left empty.'}
      </p>
      <ul>
        {ATTRIBUTIONS.map((a) => (
          <li key={a.url}>
            {a.text}{' '}
            <a href={a.url} rel="noopener noreferrer external">
              {a.url}
            </a>
          </li>
        ))}
      </ul>
    </Layout>
  );
}
