import type { Child, FC } from 'hono/jsx';
import { raw } from 'hono/html';
import { can } from '../src/domain/permissions.js';
import type { CurrentUser } from '../src/services/principal.js';

export interface NavItem {
  href: string;
  label: string;
  key: string;
  visible: (user: CurrentUser) => boolean;
}

/** The Launchpad's panels; a user sees only those they may open. */
export const NAV: NavItem[] = [
  { key: 'overview', href: '/', label: 'Overview', visible: () => true },
  { key: 'users', href: '/users', label: 'Users, Profiles & Groups', visible: (u) => can(u, 'space_admin') },
  { key: 'code-envs', href: '/code-envs', label: 'Code Envs', visible: (u) => can(u, 'manage_code_envs') },
  { key: 'extensions', href: '/extensions', label: 'Extensions', visible: (u) => can(u, 'space_admin') },
  { key: 'api-keys', href: '/api-keys', label: 'API keys', visible: (u) => can(u, 'space_admin') },
  { key: 'instances', href: '/instances', label: 'Instances', visible: (u) => can(u, 'space_admin') },
  { key: 'audit', href: '/audit', label: 'Audit log', visible: (u) => can(u, 'space_admin') },
  { key: 'account', href: '/account', label: 'My account', visible: () => true },
];

const Head: FC<{ title: string }> = ({ title }) => (
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>{title}</title>
    <meta name="htmx-config" content='{"noSwap":[204,304,"5xx"],"history":false,"includeIndicatorCSS":false}' />
    <link rel="stylesheet" href="/static/app.css" />
    <link rel="icon" href="/static/favicon.svg" type="image/svg+xml" />
    <script src="/static/htmx-4.0.1.min.js" defer></script>
    <script src="/static/app.js" defer></script>
  </head>
);

export const Logo: FC = () => (
  <span class="logo" aria-hidden="true">
    <svg viewBox="0 0 24 24" width="22" height="22">
      <path d="M12 2c3 2 5 5.5 5 9.5 0 1.6-.3 3-.9 4.3L18 18l-2.5 1-1.6-2.2h-3.8L8.5 19 6 18l1.9-2.2A10 10 0 0 1 7 11.5C7 7.5 9 4 12 2z" fill="currentColor" />
      <circle cx="12" cy="10" r="2" fill="#fff" />
    </svg>
  </span>
);

export const Shell: FC<{
  title: string;
  spaceName: string;
  user: CurrentUser;
  active: string;
  children: Child;
}> = ({ title, spaceName, user, active, children }) => (
  <>
    {raw('<!doctype html>')}
    <html lang="en">
      <Head title={`${title} · ${spaceName} · Launchpad`} />
      <body>
        <a class="skip" href="#main">Skip to content</a>
        <header class="topbar">
          <a class="brand" href="/">
            <Logo />
            <span>Launchpad</span>
            <span class="brand-space">{spaceName}</span>
          </a>
          <div class="topbar-user">
            <span class="who">
              <span class="avatar" aria-hidden="true">{initials(user.displayName)}</span>
              <span>
                {user.displayName}
                <small>{user.email}</small>
              </span>
            </span>
            <form method="post" action="/logout">
              <button class="btn btn-ghost" type="submit">Sign out</button>
            </form>
          </div>
        </header>
        <div class="frame">
          <nav class="sidenav" aria-label="Panels">
            <ul>
              {NAV.filter((n) => n.visible(user)).map((n) => (
                <li>
                  <a href={n.href} aria-current={n.key === active ? 'page' : undefined}>
                    {n.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          <main id="main" tabindex={-1}>
            {children}
          </main>
        </div>
        <div id="modal-root"></div>
      </body>
    </html>
  </>
);

/** Pages for people who are not signed in: setup, sign-in, password reset, invitations. */
export const Bare: FC<{ title: string; children: Child }> = ({ title, children }) => (
  <>
    {raw('<!doctype html>')}
    <html lang="en">
      <Head title={`${title} · Launchpad`} />
      <body class="bare">
        <main id="main" class="bare-main">
          <div class="bare-brand">
            <Logo />
            <span>Launchpad</span>
          </div>
          <div class="card bare-card">{children}</div>
        </main>
      </body>
    </html>
  </>
);

export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? [parts[0]!, parts[parts.length - 1]!] : parts.slice(0, 1);
  return letters.map((p) => [...p][0]!.toUpperCase()).join('') || '?';
}
