// Entry point of the admin UI: checks the session, shows the login form,
// the password change or the shell, whichever the session signal says.
// UI thread.

import './style.css';
import { signal } from '@preact/signals';
import { render } from 'preact';
import { ApiError, errorText, get, post, setCsrfToken, setUnauthenticatedHandler } from './api';
import { confirmLeave } from './dirty';
import { Shell } from './layout';
import { startPolling, stopPolling } from './live_status';
import { Login } from './login';
import { PasswordChange } from './password';
import { installLinkHandler, route, routeChanged } from './router';
import { taskDetailsPage } from './pages/task_details';
import { tasksPage } from './pages/tasks';
import { campaignsPage } from './pages/campaigns';
import { uploadPage } from './pages/upload';
import { robocallSettingsPage } from './pages/settings_robocall';
import { scheduleSettingsPage } from './pages/settings_schedule';
import { phrasesSettingsPage } from './pages/settings_phrases';
import { voiceSettingsPage } from './pages/settings_voice';
import { retentionSettingsPage } from './pages/settings_retention';
import { sipSettingsPage } from './pages/settings_sip';
import { auditPage } from './pages/audit';
import { usersPage } from './pages/users';
import { statisticsPage } from './pages/statistics';
import type { Me } from './types';

route('/tasks', tasksPage);
route('/tasks/:id', taskDetailsPage);
route('/upload', uploadPage);
route('/campaigns', campaignsPage);
route('/settings/robocall', { ...robocallSettingsPage, adminOnly: true });
route('/settings/schedule', { ...scheduleSettingsPage, adminOnly: true });
route('/settings/phrases', { ...phrasesSettingsPage, adminOnly: true });
route('/settings/voice', { ...voiceSettingsPage, adminOnly: true });
route('/settings/retention', { ...retentionSettingsPage, adminOnly: true });
route('/settings/sip', { ...sipSettingsPage, adminOnly: true });
route('/users', usersPage);
route('/audit', auditPage);
route('/statistics', statisticsPage);

type Session =
  | { kind: 'loading' }
  | { kind: 'login'; banner: string; expired: boolean }
  | { kind: 'password'; me: Me }
  | { kind: 'shell'; me: Me };

const session = signal<Session>({ kind: 'loading' });

function enter(me: Me): void {
  setCsrfToken(me.csrf_token);
  if (me.user.must_change_password) {
    stopPolling();
    document.title = 'Смена пароля — RoboCall';
    session.value = { kind: 'password', me };
    return;
  }
  routeChanged();
  session.value = { kind: 'shell', me };
  startPolling();
}

// expired: the session ended while the shell was open (the login form says
// so; after logging in the same page opens again).
function toLogin(banner = '', expired = false): void {
  stopPolling();
  setCsrfToken('');
  document.title = 'Вход — RoboCall';
  session.value = { kind: 'login', banner, expired };
}

function logout(): void {
  if (!confirmLeave()) return;
  post<void>('/api/logout')
    .catch(() => undefined)
    .finally(() => {
      history.replaceState(null, '', '/');
      toLogin();
    });
}

function App() {
  const s = session.value;
  switch (s.kind) {
    case 'loading':
      return null;
    case 'login':
      return <Login banner={s.banner} expired={s.expired} onLoggedIn={enter} />;
    case 'password':
      return <PasswordChange login={s.me.user.login} onChanged={enter} onLogout={logout} />;
    case 'shell':
      return <Shell user={s.me.user} onLogout={logout} />;
  }
}

setUnauthenticatedHandler(() => {
  if (session.value.kind === 'shell') toLogin('', true);
});
installLinkHandler();
render(<App />, document.getElementById('app') as HTMLElement);

get<Me>('/api/me')
  .then(enter)
  .catch((error: unknown) => {
    toLogin(error instanceof ApiError && error.status === 401 ? '' : errorText(error));
  });
