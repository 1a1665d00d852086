// Client-side routes of the admin UI (history API; the server falls back to
// index.html for paths without an extension) and per-page cleanup. UI thread.

export interface Page {
  // Renders into main; returns nothing. Timers and subscriptions are
  // registered with onLeave so they stop when the user navigates away.
  render(main: HTMLElement, params: Record<string, string>, onLeave: (cleanup: () => void) => void): void;
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
let cleanups: (() => void)[] = [];
let onChange: (path: string) => void = () => {};

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

export function leavePage(): void {
  for (const cleanup of cleanups) cleanup();
  cleanups = [];
}

export function addCleanup(cleanup: () => void): void {
  cleanups.push(cleanup);
}

export function setRouteHandler(handler: (path: string) => void): void {
  onChange = handler;
}

// Go to a path inside the app (keeps its query string), adding a history entry.
export function navigate(pathAndQuery: string, replaceEntry = false): void {
  if (replaceEntry) history.replaceState(null, '', pathAndQuery);
  else history.pushState(null, '', pathAndQuery);
  onChange(location.pathname);
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
  window.addEventListener('popstate', () => onChange(location.pathname));
}
