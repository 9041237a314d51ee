import type { ComponentChildren } from 'preact';
import { currentNavHref, type PageContext, visibleNav } from './page-context.ts';

export type PageMeta = {
  title: string;
  description?: string;
  /** Defaults to the current path without query. */
  canonicalPath?: string;
  breadcrumbs?: { href?: string; label: string }[];
  noindex?: boolean;
  /** Extra page scripts (e.g. /assets/client/map.js); the page must work without them. */
  scripts?: string[];
};

function withLang(url: string, lang: string): string {
  const [path = '/', query = ''] = url.split('?');
  const params = new URLSearchParams(query);
  params.set('lang', lang);
  return `${path}?${params.toString()}`;
}

export function Layout(props: { ctx: PageContext; meta: PageMeta; children: ComponentChildren }) {
  const { ctx, meta } = props;
  const { t, user } = ctx;
  const other = ctx.locale === 'vi' ? 'en' : 'vi';
  const canonicalPath = meta.canonicalPath ?? ctx.url.split('?')[0] ?? '/';
  const publicNav = visibleNav(user, 'public');
  const staffNav = visibleNav(user, 'staff');
  const current = currentNavHref([...publicNav, ...staffNav], ctx.url);
  return (
    <html lang={ctx.locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${meta.title} — ${t('app.name')}`}</title>
        <meta name="description" content={meta.description ?? t('app.tagline')} />
        <link
          rel="canonical"
          href={`${ctx.baseUrl}${canonicalPath}${ctx.locale === 'en' ? '?lang=en' : ''}`}
        />
        {meta.noindex ? <meta name="robots" content="noindex" /> : null}
        <link rel="stylesheet" href="/assets/app.css" />
        <link rel="icon" href="/assets/favicon.svg" type="image/svg+xml" />
        <script type="module" src="/assets/client/enhance.js" defer />
        {meta.scripts?.map((src) => (
          <script key={src} type="module" src={src} defer />
        ))}
      </head>
      <body>
        <a class="skip-link" href="#main">
          {t('layout.skipLink')}
        </a>
        <header class="site-header">
          <div class="container">
            <div class="site-header__bar">
              <a class="site-header__brand" href="/">
                {t('app.name')}
                <small>{t('app.tagline')}</small>
              </a>
              <form class="site-search" method="get" action="/tim-kiem">
                <label class="visually-hidden" for="site-search-q">
                  {t('layout.search')}
                </label>
                <input id="site-search-q" type="search" name="q" placeholder={t('layout.search')} />
                <button type="submit" class="button button--secondary">
                  {t('layout.search')}
                </button>
              </form>
              <div class="site-header__tools">
                <a href={withLang(ctx.url, other)} hrefLang={other} lang={other}>
                  {t('layout.switchToOther')}
                </a>
                {user ? (
                  <>
                    <a href="/account">{user.displayName}</a>
                    <form method="post" action="/logout">
                      <input type="hidden" name="_csrf" value={ctx.csrfToken} />
                      <button type="submit" class="link-button">
                        {t('layout.logout')}
                      </button>
                    </form>
                  </>
                ) : (
                  <a href="/login">{t('layout.login')}</a>
                )}
              </div>
            </div>
            <nav class="site-nav" aria-label={t('layout.mainNav')}>
              <ul>
                {[...publicNav, ...staffNav].map((item) => (
                  <li key={item.href}>
                    <a href={item.href} aria-current={item.href === current ? 'page' : undefined}>
                      {t(item.labelKey)}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          </div>
        </header>
        <div class="container">
          {meta.breadcrumbs && meta.breadcrumbs.length > 0 ? (
            <nav class="breadcrumbs" aria-label="breadcrumb">
              <ol>
                {meta.breadcrumbs.map((b) => (
                  <li key={b.label}>
                    {b.href ? <a href={b.href}>{b.label}</a> : <span aria-current="page">{b.label}</span>}
                  </li>
                ))}
              </ol>
            </nav>
          ) : null}
          <main id="main" tabIndex={-1}>
            {props.children}
          </main>
        </div>
        <footer class="site-footer">
          <div class="container">
            <p>
              {t('layout.footer.license')} <a href="/about/data">{t('layout.footer.data')}</a>
            </p>
          </div>
        </footer>
      </body>
    </html>
  );
}
