// The dialer's live state (GET /api/status) as a signal, polled every few
// seconds while someone is logged in; the header strip, the task list and
// the task's details read it. UI thread.

import { signal } from '@preact/signals';
import { get, post } from './api';
import type { LiveStatusDay } from './types';

const kPollMs = 5000;

// null: not known yet, or the server could not be read.
export const liveStatus = signal<LiveStatusDay | null>(null);
// The last poll could not reach the server (the strip says so).
export const serverUnreachable = signal(false);
// Bumped on every poll: pages that refresh while calls go on follow it.
export const tick = signal(0);
let timer: number | undefined;

async function poll(): Promise<void> {
  try {
    liveStatus.value = await get<LiveStatusDay>('/api/status');
    serverUnreachable.value = false;
  } catch {
    liveStatus.value = null;
    serverUnreachable.value = true;
  }
  tick.value += 1;
}

export function startPolling(): void {
  stopPolling();
  void poll();
  timer = window.setInterval(() => void poll(), kPollMs);
}

export function stopPolling(): void {
  if (timer !== undefined) window.clearInterval(timer);
  timer = undefined;
  liveStatus.value = null;
  serverUnreachable.value = false;
}

export function refreshNow(): void {
  void poll();
}

// «Начать обзвон» / «Остановить обзвон» (administrators): the answer is the new state.
export async function switchDialer(enabled: boolean): Promise<void> {
  liveStatus.value = await post<LiveStatusDay>('/api/dialer', { enabled });
  serverUnreachable.value = false;
}
