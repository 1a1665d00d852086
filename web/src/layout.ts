// The logged-in shell: the left menu, the header strip with the dialer's
// state and calls in progress, and the main area pages render into. UI thread.

import { h, replace } from './dom';
import { dialerText } from './format';
import { subscribe } from './live_status';
import { roleText } from './labels';
import type { LiveStatus, User } from './types';

export interface Shell {
  main: HTMLElement;
  setActive(path: string): void;
}

interface MenuItem {
  href: string;
  label: string;
}

const kTasks: MenuItem = { href: '/tasks', label: 'Список заданий' };
const kUpload: MenuItem = { href: '/upload', label: 'Загрузка заданий' };
const kCampaigns: MenuItem = { href: '/campaigns', label: 'Кампании' };
const kRobocall: MenuItem = { href: '/settings/robocall', label: 'RoboCall' };
const kSip: MenuItem = { href: '/settings/sip', label: 'SIP' };
const kUsers: MenuItem = { href: '/users', label: 'Пользователи' };
const kAudit: MenuItem = { href: '/audit', label: 'Журнал' };
const kStatistics: MenuItem = { href: '/statistics', label: 'Статистика' };

function menuLink(item: MenuItem): HTMLAnchorElement {
  return h('a', { href: item.href, 'data-link': true, class: 'menu-link' }, item.label);
}

function renderStrip(strip: HTMLElement, status: LiveStatus | null): void {
  if (!status) {
    replace(
      strip,
      h(
        'span',
        { class: 'state state-unknown' },
        h('span', { class: 'dot', 'aria-hidden': 'true' }),
        'Обзвон: нет данных',
      ),
    );
    return;
  }
  const state = h(
    'span',
    { class: `state state-${status.dialer}`, 'data-state': status.dialer },
    h('span', { class: 'dot', 'aria-hidden': 'true' }),
    'Обзвон: ',
    h('strong', {}, dialerText[status.dialer] ?? status.dialer),
  );
  const error =
    status.dialer === 'sip_error' && status.error ? h('span', { class: 'strip-error' }, status.error) : null;
  const calls = h(
    'span',
    { class: 'calls' },
    'Звонков сейчас: ',
    h('strong', { 'data-active-calls': true }, String(status.active_calls ?? 0)),
  );
  replace(strip, state, error, calls);
}

// A registrar sees only the tasks, the upload and the statistics (docs/BEHAVIOUR.md "Users").
export function renderShell(root: HTMLElement, user: User, onLogout: () => void): Shell {
  const admin = user.role === 'admin';
  const links = (admin ? [kTasks, kUpload, kRobocall, kSip, kUsers, kAudit] : [kTasks, kUpload]).map(menuLink);
  const [tasksLink, uploadLink, robocallLink, sipLink, usersLink, auditLink] = links;
  const statisticsLink = menuLink(kStatistics);
  links.push(statisticsLink);
  // «Кампании», next to the task list, for every role.
  const campaignsLink = menuLink(kCampaigns);
  links.push(campaignsLink);
  const strip = h('section', { class: 'strip', 'aria-label': 'Состояние обзвона' });
  const main = h('main', { id: 'main', class: 'content', tabindex: '-1' });
  const logout = h('button', { type: 'button', class: 'menu-link menu-logout', onclick: onLogout }, 'Выход');
  const adminMenu = admin
    ? [
        h('p', { class: 'menu-heading', id: 'menu-settings' }, 'Настройки'),
        h('ul', { 'aria-labelledby': 'menu-settings' }, h('li', {}, robocallLink), h('li', {}, sipLink)),
        h('p', { class: 'menu-heading', id: 'menu-admin' }, 'Администрирование'),
        h('ul', { 'aria-labelledby': 'menu-admin' }, h('li', {}, usersLink), h('li', {}, auditLink)),
      ]
    : [];

  const nav = h(
    'nav',
    { class: 'sidebar', 'aria-label': 'Главное меню' },
    h('div', { class: 'brand' }, h('span', { class: 'brand-mark', 'aria-hidden': 'true' }, 'R'), 'RoboCall'),
    h('ul', {}, h('li', {}, tasksLink), h('li', {}, campaignsLink), h('li', {}, uploadLink), h('li', {}, statisticsLink)),
    ...adminMenu,
    h(
      'div',
      { class: 'menu-bottom' },
      h('p', { class: 'menu-user' }, 'Пользователь: ', h('strong', {}, user.login)),
      h('p', { class: 'menu-user', 'data-role': user.role }, roleText[user.role]),
      logout,
    ),
  );

  root.replaceChildren(
    h('a', { class: 'skip-link', href: '#main' }, 'Перейти к содержимому'),
    h('div', { class: 'shell' }, nav, h('div', { class: 'page' }, h('header', { class: 'topbar' }, strip), main)),
  );
  subscribe((status) => renderStrip(strip, status));

  return {
    main,
    setActive(path: string) {
      for (const link of links) {
        const href = link.getAttribute('href') ?? '';
        const active = path === href || path.startsWith(`${href}/`);
        if (active) link.setAttribute('aria-current', 'page');
        else link.removeAttribute('aria-current');
      }
    },
  };
}
