// Entry point of the admin UI: checks the session, shows the login form or
// the shell, and routes between the screens. UI thread.

import './style.css';
import { ApiError, errorText, get, post, setCsrfToken, setUnauthenticatedHandler } from './api';
import { h } from './dom';
import { renderShell, type Shell } from './layout';
import { startPolling, stopPolling } from './live_status';
import { renderLogin } from './login';
import { renderPasswordChange } from './password';
import { addCleanup, installLinkHandler, leavePage, match, navigate, route, setRouteHandler } from './router';
import { taskDetailsPage } from './pages/task_details';
import { tasksPage } from './pages/tasks';
import { campaignsPage } from './pages/campaigns';
import { uploadPage } from './pages/upload';
import { robocallSettingsPage } from './pages/settings_robocall';
import { sipSettingsPage } from './pages/settings_sip';
import { auditPage } from './pages/audit';
import { usersPage } from './pages/users';
import { statisticsPage } from './pages/statistics';
import type { Me, Role } from './types';

const root = document.getElementById('app') as HTMLElement;
let shell: Shell | null = null;
let role: Role = 'registrar';

route('/tasks', tasksPage);
route('/tasks/:id', taskDetailsPage);
route('/upload', uploadPage);
route('/campaigns', campaignsPage);
route('/settings/robocall', { ...robocallSettingsPage, adminOnly: true });
route('/settings/sip', { ...sipSettingsPage, adminOnly: true });
route('/users', usersPage);
route('/audit', auditPage);
route('/statistics', statisticsPage);

function show(path: string): void {
  if (!shell) return;
  const found = match(path);
  if (!found || (found.page.adminOnly && role !== 'admin')) {
    navigate('/tasks', true);
    return;
  }
  leavePage();
  shell.setActive(path);
  document.title = `${found.page.title} — RoboCall`;
  shell.main.replaceChildren();
  found.page.render(shell.main, found.params, addCleanup);
  shell.main.focus({ preventScroll: true });
}

function enter(me: Me): void {
  setCsrfToken(me.csrf_token);
  if (me.user.must_change_password) {
    leavePage();
    stopPolling();
    shell = null;
    document.title = 'Смена пароля — RoboCall';
    renderPasswordChange(root, me.user.login, enter, logout);
    return;
  }
  role = me.user.role;
  shell = renderShell(root, me.user, logout);
  startPolling();
  show(location.pathname);
}

function toLogin(): void {
  leavePage();
  stopPolling();
  shell = null;
  setCsrfToken('');
  document.title = 'Вход — RoboCall';
  renderLogin(root, enter);
}

function logout(): void {
  post<void>('/api/logout')
    .catch(() => undefined)
    .finally(() => {
      history.replaceState(null, '', '/');
      toLogin();
    });
}

setUnauthenticatedHandler(() => {
  if (shell) toLogin();
});
setRouteHandler(show);
installLinkHandler();

get<Me>('/api/me')
  .then(enter)
  .catch((error: unknown) => {
    toLogin();
    if (!(error instanceof ApiError && error.status === 401)) {
      root.prepend(h('p', { class: 'notice notice-error banner', role: 'alert' }, errorText(error)));
    }
  });
