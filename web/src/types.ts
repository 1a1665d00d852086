// The JSON shapes of docs/openapi.yaml that the admin UI uses. Pure types.

export type Role = 'admin' | 'registrar';

export interface User {
  id: number;
  login: string;
  role: Role;
  must_change_password: boolean;
}

// GET /api/users
export interface UserRow {
  id: number;
  login: string;
  role: Role;
  disabled: boolean;
  must_change_password: boolean;
  created_at: string;
  last_login_at: string | null;
}

// GET /api/tokens (never the token itself)
export interface TokenRow {
  id: number;
  name: string;
  created_at: string;
  last_used_at: string | null;
  expires_at: string | null;
  revoked: boolean;
}

// GET /api/audit
export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  details: Record<string, unknown>;
}
export interface AuditPage {
  items: AuditEntry[];
  next_before: number | null;
}
export interface Me {
  user: User;
  csrf_token: string;
}

export type ListStatus = 'confirmed' | 'cancelled' | 'unknown';
export type TaskState = 'pending' | 'calling' | 'confirmed' | 'cancelled' | 'exhausted' | 'expired' | 'not_verified';
export type Outcome =
  | 'confirmed'
  | 'cancelled'
  | 'no_answer'
  | 'busy'
  | 'unavailable'
  | 'no_input'
  | 'failed'
  | 'config_error'
  | 'interrupted'
  | 'not_verified';
export type SortKey = 'id' | 'name' | 'appointment' | 'status';
export type SortOrder = 'asc' | 'desc';

export interface TaskRow {
  id: number;
  full_name: string;
  phone: string;
  appointment: string;
  status: ListStatus;
  state: TaskState;
  attempts: number;
  next_attempt?: string | null;
}
export interface TaskPage {
  total: number;
  items: TaskRow[];
}

export interface Attempt {
  id: number;
  number: number;
  started_at: string;
  answered_at?: string | null;
  ended_at?: string | null;
  outcome: Outcome | null; // null while the call goes on
  sip_code?: number | null;
  digits?: string;
  duration_s?: number | null; // from the INVITE to the end
  ring_s?: number | null; // ringing: until the answer, or the whole call when unanswered
  talk_s?: number | null; // on the line: from the answer to the end
  recording_url?: string | null;
}
export interface TaskDetails {
  id: number;
  external_id?: string;
  full_name: string;
  phone: string;
  appointment: string;
  birth_date?: string;
  status: ListStatus;
  state: TaskState;
  attempts_used: number;
  next_attempt?: string | null;
  extra?: Record<string, string>;
  created?: string;
  updated?: string;
  attempts: Attempt[];
}

export type SkipReason = 'bad_phone' | 'missing_field' | 'duplicate' | 'bad_date' | 'past_appointment';
export interface SkippedRow {
  row: number;
  reason: SkipReason;
  message?: string;
}
export interface ImportReport {
  rows_read: number;
  created: number;
  normalised?: number;
  skipped: SkippedRow[];
}

export interface RobocallSettings {
  enabled: boolean;
  attempts: number;
  retry_after_min: number;
  answer_timeout_s: number;
  max_calls: number;
  max_calls_per_second: number;
  retention_days: number | null;
  task_retention_days: number;
  verify_identity?: boolean;
}
export interface TimeWindow {
  start: string;
  end: string;
}
export type DayMode = 'working' | 'shortened' | 'day_off';
export interface Schedule {
  working: TimeWindow;
  shortened: TimeWindow;
  weekdays: DayMode[];
}
export interface DateException {
  date: string;
  mode: DayMode;
  provisional?: boolean;
}
export interface Phrase {
  n: number;
  text: string;
  default_text?: string;
  has_recording: boolean;
}

export interface SipAccount {
  id: number;
  name: string;
  username: string;
  server: string;
  prefix: string;
  caller_id: string;
  from_user: string;
  from_host: string;
  realm: string;
  is_default: boolean;
  has_password: boolean;
}
export interface SipAccountInput {
  name: string;
  username: string;
  password?: string | null;
  server: string;
  prefix: string;
  caller_id: string;
  from_user: string;
  from_host: string;
  realm: string;
  is_default: boolean;
}
export interface TestCallResult {
  outcome: Outcome;
  sip_code?: number | null;
  digits?: string;
  duration_s?: number;
}

export type DialerState = 'running' | 'stopped' | 'outside_hours' | 'sip_error';
export interface TodayCounters {
  calls: number;
  confirmed: number;
  cancelled: number;
  unreachable: number;
  in_progress: number;
}
export interface LiveStatus {
  dialer: DialerState;
  error?: string | null;
  active_calls: number;
  today?: TodayCounters;
}
