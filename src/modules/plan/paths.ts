// Public URLs of the plan's contents (one place, so pages, search and sitemap agree).
import type { ItemKind } from './schema.ts';

export const ITEM_LIST_PATHS: Record<ItemKind, string> = {
  industrial_park: '/khu-cong-nghiep',
  industrial_cluster: '/cum-cong-nghiep',
  urban_area: '/do-thi',
  zone: '/khu-chuc-nang',
  infrastructure: '/ha-tang',
  sector: '/nganh',
  breakthrough: '/dot-pha',
};

export const itemPath = (kind: ItemKind, slug: string) => `${ITEM_LIST_PATHS[kind]}/${slug}`;
export const sectionPath = (slug: string) => `/quy-hoach#${slug}`;
export const sectionPagePath = (slug: string) => `/quy-hoach/${slug}`;

const ABBREVIATIONS: [RegExp, string][] = [
  [/^KCN\s*-\s*/, 'Khu công nghiệp - '],
  [/^KCN\s+/, 'Khu công nghiệp '],
  [/^CCN\s+/, 'Cụm công nghiệp '],
  [/\bvà CCN\s+/, 'và Cụm công nghiệp '],
];

/** "KCN Yên Bình" → "Khu công nghiệp Yên Bình": the words citizens use, not only the abbreviation. */
export function plainName(name: string): string {
  let out = name;
  for (const [re, full] of ABBREVIATIONS) out = out.replace(re, full);
  return out;
}
