// Short category values as the sources write them (Vietnamese words, or codes
// in the dataset), with their label in each language. A value not listed here
// is shown as written (marked lang="vi" on an English page when Vietnamese).
import { langMark } from '../../kernel/ui/components.tsx';
import type { PageContext } from '../../kernel/ui/page-context.ts';

const TERMS: Record<string, { vi: string; en: string }> = {
  // Industrial parks and clusters: type and group.
  KCN: { vi: 'Khu công nghiệp', en: 'Industrial park' },
  CCN: { vi: 'Cụm công nghiệp', en: 'Industrial cluster' },
  'Khu CNTT tập trung': { vi: 'Khu công nghệ thông tin tập trung', en: 'Concentrated IT park' },
  'Quy hoạch mới': { vi: 'Quy hoạch mới', en: 'Newly planned' },
  'Đã thành lập': { vi: 'Đã thành lập', en: 'Established' },
  'Đã có trong quy hoạch trước': { vi: 'Đã có trong quy hoạch trước', en: 'In the previous plan' },
  // Urban areas.
  'thị trấn': { vi: 'Thị trấn', en: 'Township' },
  'đô thị mới': { vi: 'Đô thị mới', en: 'New urban area' },
  'đô thị mới (thị xã)': { vi: 'Đô thị mới (thị xã)', en: 'New urban area (town)' },
  'thành phố trực thuộc tỉnh': { vi: 'Thành phố trực thuộc tỉnh', en: 'Provincial city' },
  // Functional zones.
  golf: { vi: 'Sân golf', en: 'Golf course' },
  tourism: { vi: 'Du lịch', en: 'Tourism' },
  heritage_tourism: { vi: 'Du lịch di sản', en: 'Heritage tourism' },
  growth_pole: { vi: 'Cực tăng trưởng', en: 'Growth pole' },
  dynamic_area: { vi: 'Khu vực động lực', en: 'Dynamic area' },
  industrial_urban_complex: { vi: 'Tổ hợp công nghiệp - đô thị', en: 'Industrial and urban complex' },
  // Infrastructure.
  expressway: { vi: 'Đường cao tốc', en: 'Expressway' },
  national_road: { vi: 'Quốc lộ', en: 'National road' },
  regional_road: { vi: 'Đường liên vùng', en: 'Regional road' },
  ring_road: { vi: 'Đường vành đai', en: 'Ring road' },
  urban_road: { vi: 'Đường đô thị', en: 'Urban road' },
  railway: { vi: 'Đường sắt', en: 'Railway' },
  waterway: { vi: 'Đường thủy', en: 'Waterway' },
  social_infrastructure: { vi: 'Hạ tầng xã hội', en: 'Social infrastructure' },
  // Legal documents.
  'Quyết định': { vi: 'Quyết định', en: 'Decision' },
  'Nghị quyết': { vi: 'Nghị quyết', en: 'Resolution' },
  'Thông báo': { vi: 'Thông báo', en: 'Notice' },
  'Kế hoạch': { vi: 'Kế hoạch', en: 'Plan' },
  'Thủ tướng Chính phủ': { vi: 'Thủ tướng Chính phủ', en: 'Prime Minister' },
};

/**
 * A category value in the reader's language; an unknown one as written, with
 * lang set when its language is not the page's (Vietnamese words on an English
 * page, English words such as "proposed 12/2025" on a Vietnamese one).
 */
export function term(ctx: PageContext, raw: string): { text: string; lang: 'vi' | 'en' | undefined } {
  const known = TERMS[raw];
  if (known) return { text: known[ctx.locale], lang: undefined };
  return { text: raw, lang: langMark(ctx, raw) };
}

export function Term(props: { ctx: PageContext; value: string }) {
  const { text, lang } = term(props.ctx, props.value);
  return <span lang={lang}>{text}</span>;
}
