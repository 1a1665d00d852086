// The dialer's live state (GET /api/status) as a signal, polled every few
// seconds while someone is logged in; the header strip and the task list
// read it. UI thread.

import { signal } from '@preact/signals';
import { get } from './api';
import type { LiveStatus } from './types';

const kPollMs = 5000;

// null: not known yet, or the server could not be read.
export const liveStatus = signal<LiveStatus | null>(null);
let timer: number | undefined;

async function poll(): Promise<void> {
  try {
    liveStatus.value = await get<LiveStatus>('/api/status');
  } catch {
    liveStatus.value = null;
  }
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
}

export function refreshNow(): void {
  void poll();
}
