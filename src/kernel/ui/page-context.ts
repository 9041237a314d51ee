import type { CurrentUser } from '../http/context.ts';
import type { Locale, Translate } from '../i18n/index.ts';

/** What every page needs to know to render: language, user, CSRF token, where it is. */
export type PageContext = {
  t: Translate;
  locale: Locale;
  user: CurrentUser | null;
  csrfToken: string;
  /** Path and query of the current request, e.g. /admin/users?q=x */
  url: string;
  /** Absolute base URL for canonical links, without trailing slash. */
  baseUrl: string;
};

export type NavItem = {
  href: string;
  labelKey: string;
  /** Shown only to these roles (absent = everyone). */
  roles?: readonly CurrentUser['role'][];
  area: 'public' | 'staff';
  /** Position in the menu, smaller first (default 100). */
  order?: number;
};

const navItems: NavItem[] = [];

export function registerNav(items: NavItem[]): void {
  for (const item of items) if (!navItems.some((n) => n.href === item.href)) navItems.push(item);
}

export function visibleNav(user: CurrentUser | null, area: NavItem['area']): NavItem[] {
  return navItems
    .filter((n) => n.area === area && (!n.roles || (user !== null && n.roles.includes(user.role))))
    .sort((a, b) => (a.order ?? 100) - (b.order ?? 100));
}

/** The menu entry for the current path: the longest href that is the path or a prefix of it. */
export function currentNavHref(items: NavItem[], url: string): string | undefined {
  const path = url.split('?')[0] ?? '/';
  const matches = items.filter((n) =>
    n.href === '/' ? path === '/' : path === n.href || path.startsWith(`${n.href}/`),
  );
  return matches.sort((a, b) => b.href.length - a.href.length)[0]?.href;
}
