// The JSON shapes of docs/openapi.yaml that the admin UI uses. Pure types,
// each an alias of the schema generated from the document (docs/DESIGN.md
// "Web UI types"): change the document, not these lines.

import type { components } from './generated/openapi';

type Schemas = components['schemas'];

export type Role = Schemas['Role'];
export type User = Schemas['User'];

// GET /api/users
export type UserRow = Schemas['UserRow'];

// GET /api/tokens (never the token itself)
export type TokenRow = Schemas['TokenRow'];

// GET /api/audit
export type AuditEntry = Schemas['AuditEntry'];
export type AuditPage = Schemas['AuditPage'];
export type Me = Schemas['Me'];

export type ListStatus = Schemas['ListStatus'];
export type TaskState = Schemas['TaskState'] | 'withdrawn';
export type Outcome = Schemas['Outcome'];
export type SortKey = components['parameters']['Sort'];
export type SortOrder = components['parameters']['Order'];

export type TaskRow = Schemas['TaskRow'];
export type TaskPage = Schemas['TaskPage'];

export type Attempt = Schemas['Attempt'];
export type TaskDetails = Schemas['TaskDetails'];

export type SkipReason = Schemas['SkipReason'];
export type SkippedRow = Schemas['SkippedRow'];
export type RowNote = Schemas['RowNote'];
export type ImportReport = Schemas['ImportReport'];

export type RobocallSettings = Schemas['RobocallSettings'];
export type TimeWindow = Schemas['Window'];
export type DayMode = Schemas['DayMode'];
export type Schedule = Schemas['Schedule'];
export type DateException = Schemas['DateException'];
export type ProductionCalendar = Schemas['ProductionCalendar'];
export type Phrase = Schemas['Phrase'];

export type SipAccount = Schemas['SipAccount'];
export type SipAccountInput = Schemas['SipAccountInput'];
export type TestCallResult = Schemas['TestCallResult'];

export type DialerState = Schemas['DialerState'];
export type TodayCounters = Schemas['TodayCounters'];
export type LiveStatus = Schemas['LiveStatus'];

// GET /api/statistics (docs/BEHAVIOUR.md "Statistics").
export type CallCounts = Schemas['CallCounts'];
export type Statistics = Schemas['Statistics'];
export type DayStatistics = Statistics['days'][number];
export type HourStatistics = Statistics['hours'][number];

// docs/BEHAVIOUR.md "Campaigns".
export type Campaign = Schemas['Campaign'];
export type CampaignCounts = Campaign['counts'];
export type CampaignList = Schemas['CampaignList'];

// The administrator's day (docs/GLOSSARY.md «Звонки»): the fields the server
// adds to tasks, the summary, the bulk actions, the strip's problem and when
// calling starts after an upload. Written from the API contract until
// docs/openapi.yaml describes them; then they become aliases like the rest.
export type CallsKind = 'waiting' | 'calling' | 'retrying' | 'unreached' | 'passed' | 'withdrawn' | 'done';
export type StatusFilter = ListStatus | 'unreached';
interface TaskProgress {
  attempts_max: number;
  calls: string;
  calls_kind: CallsKind;
  withdrawn_by: string | null;
  withdrawn_at: string | null;
  state: TaskState;
}
export type TaskRowDay = Omit<Schemas['TaskRow'], 'state'> & TaskProgress;
export type TaskPageDay = Omit<TaskPage, 'items'> & { items: TaskRowDay[] };
export type TaskDetailsDay = Omit<TaskDetails, 'state'> & TaskProgress;
export interface TaskSummary {
  total: number;
  confirmed: number;
  cancelled: number;
  unreached: number;
  in_progress: number;
  finished_today: boolean;
}
export interface BulkResult {
  done: number[];
  refused: { id: number; message: string }[];
}
export interface DialerProblem {
  code: string;
  text: string;
  link: string;
}
export type LiveStatusDay = LiveStatus & { problem?: DialerProblem | null };
export type ImportReportDay = ImportReport & { calling_starts?: string };
