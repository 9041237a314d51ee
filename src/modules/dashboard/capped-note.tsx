// Under a list the dashboard shortened: how many rows there are and where to get them all.
import { formatNumber } from '../../kernel/i18n/index.ts';
import type { PageContext } from '../../kernel/ui/page-context.ts';

export function CappedNote(props: { ctx: PageContext; shown: number; total: number }) {
  const { ctx, shown, total } = props;
  if (shown >= total) return null;
  return (
    <p class="dashboard-capped">
      {ctx.t('dashboard.capped', {
        shown: formatNumber(ctx.locale, shown),
        total: formatNumber(ctx.locale, total),
      })}
    </p>
  );
}
