// The JSON shapes of docs/openapi.yaml that the admin UI uses. Pure types,
// each an alias of the schema generated from the document (docs/DESIGN.md
// "Web UI types"): change the document, not these lines.

import type { components, paths } from './generated/openapi';

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
export type TaskState = Schemas['TaskState'];
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

// The administrator's day (docs/GLOSSARY.md «Звонки»): the task list's
// summary, the actions on tasks, the strip's problem. The «Статус» filter
// takes the three statuses and `unreached` (a string in the document).
export type StatusFilter = ListStatus | 'unreached';
export type TaskSummary = Schemas['TaskSummary'];
export type TaskActionResult = Schemas['TaskActionResult'];
export type BulkAction = Schemas['BulkAction'];
export type BulkResult = Schemas['BulkResult'];

// docs/BEHAVIOUR.md "Voice pack": GET /api/settings/voice, a fragment, the
// answer to a ZIP upload.
export type VoicePack = Schemas['VoicePack'];
export type VoiceGroup = VoicePack['groups'][number];
export type VoiceFragment = Schemas['VoiceFragment'];
export type VoiceState = VoiceFragment['state'];
export type VoicePackUpload =
  paths['/api/settings/voice/pack']['post']['responses']['200']['content']['application/json'];
