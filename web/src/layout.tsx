// The logged-in shell: the left menu, the header strip with the dialer's
// state and calls in progress, and the main area the current page renders
// into. UI thread.

import { useEffect, useRef } from 'preact/hooks';
import { dialerText } from './format';
import { roleText } from './labels';
import { liveStatus } from './live_status';
import { currentPath, match, navigate, visit } from './router';
import type { User } from './types';

interface MenuItem {
  href: string;
  label: string;
}

const kTasks: MenuItem = { href: '/tasks', label: 'Список заданий' };
const kUpload: MenuItem = { href: '/upload', label: 'Загрузка заданий' };
const kCampaigns: MenuItem = { href: '/campaigns', label: 'Кампании' };
const kRobocall: MenuItem = { href: '/settings/robocall', label: 'RoboCall' };
const kSchedule: MenuItem = { href: '/settings/schedule', label: 'Расписание' };
const kPhrases: MenuItem = { href: '/settings/phrases', label: 'Фразы' };
const kRetention: MenuItem = { href: '/settings/retention', label: 'Хранение' };
const kSip: MenuItem = { href: '/settings/sip', label: 'SIP' };
const kUsers: MenuItem = { href: '/users', label: 'Пользователи' };
const kAudit: MenuItem = { href: '/audit', label: 'Журнал' };
const kStatistics: MenuItem = { href: '/statistics', label: 'Статистика' };

function MenuLink({ item }: { item: MenuItem }) {
  const path = currentPath.value;
  const active = path === item.href || path.startsWith(`${item.href}/`);
  return (
    <li>
      <a href={item.href} data-link class="menu-link" aria-current={active ? 'page' : undefined}>
        {item.label}
      </a>
    </li>
  );
}

function Strip() {
  const status = liveStatus.value;
  if (!status) {
    return (
      <section class="strip" aria-label="Состояние обзвона">
        <span class="state state-unknown">
          <span class="dot" aria-hidden="true" />
          Обзвон: нет данных
        </span>
      </section>
    );
  }
  return (
    <section class="strip" aria-label="Состояние обзвона">
      <span class={`state state-${status.dialer}`} data-state={status.dialer}>
        <span class="dot" aria-hidden="true" />
        Обзвон: <strong>{dialerText[status.dialer] ?? status.dialer}</strong>
      </span>
      {status.dialer === 'sip_error' && status.error ? <span class="strip-error">{status.error}</span> : null}
      <span class="calls">
        Звонков сейчас: <strong data-active-calls>{String(status.active_calls ?? 0)}</strong>
      </span>
    </section>
  );
}

// The current route's page, made afresh on every navigation.
function Current({ admin }: { admin: boolean }) {
  const path = currentPath.value;
  const key = visit.value;
  const found = match(path);
  const allowed = found && !(found.page.adminOnly && !admin);
  const main = useRef<HTMLElement>(null);
  useEffect(() => {
    if (!allowed) {
      navigate('/tasks', true);
      return;
    }
    document.title = `${found.page.title} — RoboCall`;
    main.current?.focus({ preventScroll: true });
  }, [key, allowed]);
  const Page = allowed ? found.page.component : null;
  return (
    <main id="main" class="content" tabIndex={-1} ref={main}>
      {Page && found ? <Page key={key} params={found.params} /> : null}
    </main>
  );
}

// A registrar sees only the tasks, the upload and the statistics (docs/BEHAVIOUR.md "Users").
export function Shell({ user, onLogout }: { user: User; onLogout: () => void }) {
  const admin = user.role === 'admin';
  return (
    <>
      <a class="skip-link" href="#main">
        Перейти к содержимому
      </a>
      <div class="shell">
        <nav class="sidebar" aria-label="Главное меню">
          <div class="brand">
            <span class="brand-mark" aria-hidden="true">
              R
            </span>
            RoboCall
          </div>
          <ul>
            <MenuLink item={kTasks} />
            <MenuLink item={kCampaigns} />
            <MenuLink item={kUpload} />
            <MenuLink item={kStatistics} />
          </ul>
          {admin ? (
            <>
              <p class="menu-heading" id="menu-settings">
                Настройки
              </p>
              <ul aria-labelledby="menu-settings">
                <MenuLink item={kRobocall} />
                <MenuLink item={kSchedule} />
                <MenuLink item={kPhrases} />
                <MenuLink item={kRetention} />
                <MenuLink item={kSip} />
              </ul>
              <p class="menu-heading" id="menu-admin">
                Администрирование
              </p>
              <ul aria-labelledby="menu-admin">
                <MenuLink item={kUsers} />
                <MenuLink item={kAudit} />
              </ul>
            </>
          ) : null}
          <div class="menu-bottom">
            <p class="menu-user">
              Пользователь: <strong>{user.login}</strong>
            </p>
            <p class="menu-user" data-role={user.role}>
              {roleText[user.role]}
            </p>
            <button type="button" class="menu-link menu-logout" onClick={onLogout}>
              Выход
            </button>
          </div>
        </nav>
        <div class="page">
          <header class="topbar">
            <Strip />
          </header>
          <Current admin={admin} />
        </div>
      </div>
    </>
  );
}
