import { formatDate } from '../../kernel/i18n/index.ts';
import {
  Badge,
  type BadgeTone,
  NoData,
  SourceLinks,
  SummaryList,
  Table,
} from '../../kernel/ui/components.tsx';
import { Layout } from '../../kernel/ui/layout.tsx';
import type { PageContext } from '../../kernel/ui/page-context.ts';
import type { Plan as PlanRow } from '../plan/queries.ts';

const statusTone: Record<PlanRow['status'], BadgeTone> = {
  draft: 'neutral',
  adopted: 'info',
  approved: 'success',
  superseded: 'neutral',
  expired: 'neutral',
};

function decisionLabel(ctx: PageContext, plan: PlanRow): string {
  const number = plan.decisionNumber ?? ctx.t('home.decisionNumberUnknown');
  const type = plan.decisionType ?? '';
  const date = plan.decisionDate ? ` (${formatDate(plan.decisionDate)})` : '';
  return `${type} ${number}${date}`.trim();
}

export function HomePage(props: { ctx: PageContext; featured: PlanRow | null; plans: PlanRow[] }) {
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
              { label: t('home.province'), value: featured.provinceNameVi },
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
              { header: t('home.province'), cell: (p) => p.provinceNameVi },
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
