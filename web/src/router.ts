// Client-side routes of the admin UI (history API; the server falls back to
// index.html for paths without an extension). The current path is a signal;
// every navigation bumps `visit`, so a page opened again starts afresh even
// on the same path (its effects' cleanups stop its timers). UI thread.

import { signal } from '@preact/signals';
import type { ComponentType } from 'preact';
import { confirmLeave, warnBeforeUnload } from './dirty';

export interface PageProps {
  params: Record<string, string>;
}

export interface Page {
  component: ComponentType<PageProps>;
  title: string;
  // Administrators only (docs/SECURITY.md "Users and roles"); the server
  // refuses a registrar's requests anyway, the UI does not offer the page.
  adminOnly?: boolean;
}

interface Route {
  pattern: RegExp;
  names: string[];
  page: Page;
}

const routes: Route[] = [];

// The shown path (without the query) and a counter of navigations.
export const currentPath = signal(location.pathname);
export const visit = signal(0);

// '/tasks/:id' style patterns.
export function route(path: string, page: Page): void {
  const names: string[] = [];
  const source = path.replace(/:([a-z]+)/g, (_all, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  routes.push({ pattern: new RegExp(`^${source}/?$`), names, page });
}

export function match(path: string): { page: Page; params: Record<string, string> } | null {
  for (const r of routes) {
    const m = r.pattern.exec(path);
    if (!m) continue;
    const params: Record<string, string> = {};
    r.names.forEach((name, i) => {
      params[name] = decodeURIComponent(m[i + 1] ?? '');
    });
    return { page: r.page, params };
  }
  return null;
}

// The address last shown, to return to when a «Назад» is refused.
let shownAddress = location.pathname + location.search;

// Shows the address bar's path again (after a login, say).
export function routeChanged(): void {
  shownAddress = location.pathname + location.search;
  currentPath.value = location.pathname;
  visit.value += 1;
}

// Go to a path inside the app (keeps its query string), adding a history entry.
// A new entry asks first when a form has unsaved edits (dirty.ts).
export function navigate(pathAndQuery: string, replaceEntry = false): void {
  if (!replaceEntry && !confirmLeave()) return;
  if (replaceEntry) history.replaceState(null, '', pathAndQuery);
  else history.pushState(null, '', pathAndQuery);
  routeChanged();
}

// Internal links: <a href="/tasks" data-link> are handled without a reload.
export function installLinkHandler(): void {
  document.addEventListener('click', (event) => {
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const target = event.target instanceof Element ? event.target.closest('a[data-link]') : null;
    if (!(target instanceof HTMLAnchorElement)) return;
    event.preventDefault();
    navigate(target.getAttribute('href') ?? '/');
  });
  window.addEventListener('popstate', () => {
    if (confirmLeave()) routeChanged();
    else history.pushState(null, '', shownAddress);
  });
  window.addEventListener('beforeunload', warnBeforeUnload);
}
