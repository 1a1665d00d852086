// The dialer's live state (GET /api/status), polled every few seconds while
// someone is logged in; the header strip and the task list subscribe. UI thread.

import { get } from './api';
import type { LiveStatus } from './types';

const kPollMs = 5000;

type Listener = (status: LiveStatus | null) => void;
const listeners = new Set<Listener>();
let last: LiveStatus | null = null;
let timer: number | undefined;

async function poll(): Promise<void> {
  try {
    last = await get<LiveStatus>('/api/status');
  } catch {
    last = null;
  }
  for (const listener of listeners) listener(last);
}

export function startPolling(): void {
  stopPolling();
  void poll();
  timer = window.setInterval(() => void poll(), kPollMs);
}

export function stopPolling(): void {
  if (timer !== undefined) window.clearInterval(timer);
  timer = undefined;
  last = null;
}

// Calls listener now with the last known state, then on every poll. Returns
// the unsubscribe function.
export function subscribe(listener: Listener): () => void {
  listeners.add(listener);
  listener(last);
  return () => listeners.delete(listener);
}

export function refreshNow(): void {
  void poll();
}
