// The logged-in shell: the left menu, the header strip (strip.tsx) and the
// main area the current page renders into. UI thread.

import { useEffect, useRef } from 'preact/hooks';
import { roleText } from './labels';
import { currentPath, match, navigate, visit } from './router';
import { Strip } from './strip';
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
const kVoice: MenuItem = { href: '/settings/voice', label: 'Голос' };
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
  // Sticky table heads sit just under the sticky strip, whatever its height.
  const topbar = useRef<HTMLElement>(null);
  useEffect(() => {
    const el = topbar.current;
    if (!el) return undefined;
    const observer = new ResizeObserver(() =>
      document.documentElement.style.setProperty('--topbar-h', `${el.offsetHeight}px`),
    );
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
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
                <MenuLink item={kVoice} />
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
          <header class="topbar" ref={topbar}>
            <Strip admin={admin} />
          </header>
          <Current admin={admin} />
        </div>
      </div>
    </>
  );
}
