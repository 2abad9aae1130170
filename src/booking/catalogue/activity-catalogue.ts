import type { ActivityKind, Channel } from '../../shared/vocabulary/activities.js';
import type { StaffRole, StaffSkill } from '../../shared/vocabulary/roles.js';

export interface ActivityType {
  code: string;
  nameDa: string;
  nameEn: string;
  kind: ActivityKind;
  defaultDurationMinutes: number;
  /** Group activities only: a session below this is not worth holding. */
  minGroupSize: number | null;
  /** Group activities only: never more than this, and never more than the room seats. */
  maxGroupSize: number | null;
  leaderRoles: readonly StaffRole[];
  /** A leader needs this skill (null: any leader of the role). */
  leaderSkill: StaffSkill | null;
  channels: readonly Channel[];
  /** Counts towards the job meetings of the statutory floor and the KPI "job meetings per member". */
  countsAsJobMeeting: boolean;
}

/**
 * The fund's activities: individual meetings (CV-samtale, rådighedssamtale, jobopfølgning …) and group activities
 * (netcafé, workshops, temadage), who leads them and by which channels. Stored as data (table activity_type);
 * this is its first version. GLOSSARY.md explains the Danish names.
 */
export const ACTIVITY_CATALOGUE: readonly ActivityType[] = [
  {
    code: 'cv-meeting',
    nameDa: 'CV-samtale',
    nameEn: 'CV meeting',
    kind: 'individual',
    defaultDurationMinutes: 60,
    minGroupSize: null,
    maxGroupSize: null,
    leaderRoles: ['adviser'],
    leaderSkill: null,
    channels: ['in-person'],
    countsAsJobMeeting: true,
  },
  {
    code: 'availability-meeting',
    nameDa: 'Rådighedssamtale',
    nameEn: 'Availability meeting',
    kind: 'individual',
    defaultDurationMinutes: 45,
    minGroupSize: null,
    maxGroupSize: null,
    leaderRoles: ['adviser'],
    leaderSkill: null,
    channels: ['in-person', 'phone', 'video'],
    countsAsJobMeeting: true,
  },
  {
    code: 'joint-meeting',
    nameDa: '1. fællessamtale',
    nameEn: 'First joint meeting',
    kind: 'individual',
    defaultDurationMinutes: 60,
    minGroupSize: null,
    maxGroupSize: null,
    leaderRoles: ['job-consultant'],
    leaderSkill: 'joint-meeting',
    channels: ['in-person', 'video'],
    countsAsJobMeeting: true,
  },
  {
    code: 'follow-up',
    nameDa: 'Jobopfølgning',
    nameEn: 'Job follow-up',
    kind: 'individual',
    defaultDurationMinutes: 30,
    minGroupSize: null,
    maxGroupSize: null,
    leaderRoles: ['adviser'],
    leaderSkill: null,
    channels: ['phone', 'in-person', 'video'],
    countsAsJobMeeting: true,
  },
  {
    code: 'coaching',
    nameDa: 'Min vej i job',
    nameEn: 'My way to a job (coaching)',
    kind: 'individual',
    defaultDurationMinutes: 60,
    minGroupSize: null,
    maxGroupSize: null,
    leaderRoles: ['job-consultant'],
    leaderSkill: 'coaching',
    channels: ['in-person', 'video'],
    countsAsJobMeeting: false,
  },
  {
    code: 'netcafe',
    nameDa: 'Netcafé – Kom godt i gang med IT',
    nameEn: 'Netcafé – getting started with IT',
    kind: 'group',
    defaultDurationMinutes: 120,
    minGroupSize: 2,
    maxGroupSize: 4,
    leaderRoles: ['adviser'],
    leaderSkill: 'netcafe',
    channels: ['in-person'],
    countsAsJobMeeting: false,
  },
  {
    code: 'workshop-skriv',
    nameDa: 'Workshop: Skriv dig i job',
    nameEn: 'Workshop: Write your way into a job',
    kind: 'group',
    defaultDurationMinutes: 180,
    minGroupSize: 4,
    maxGroupSize: 16,
    leaderRoles: ['job-consultant'],
    leaderSkill: 'workshop',
    channels: ['in-person'],
    countsAsJobMeeting: false,
  },
  {
    code: 'workshop-tal',
    nameDa: 'Workshop: Tal dig i job',
    nameEn: 'Workshop: Talk your way into a job',
    kind: 'group',
    defaultDurationMinutes: 180,
    minGroupSize: 4,
    maxGroupSize: 16,
    leaderRoles: ['job-consultant'],
    leaderSkill: 'workshop',
    channels: ['in-person'],
    countsAsJobMeeting: false,
  },
  {
    code: 'workshop-uopfordret',
    nameDa: 'Workshop: Søg uopfordret',
    nameEn: 'Workshop: Unsolicited applications',
    kind: 'group',
    defaultDurationMinutes: 180,
    minGroupSize: 4,
    maxGroupSize: 16,
    leaderRoles: ['job-consultant'],
    leaderSkill: 'workshop',
    channels: ['in-person'],
    countsAsJobMeeting: false,
  },
  {
    code: 'workshop-linkedin',
    nameDa: 'Workshop: LinkedIn',
    nameEn: 'Workshop: LinkedIn',
    kind: 'group',
    defaultDurationMinutes: 120,
    minGroupSize: 4,
    maxGroupSize: 16,
    leaderRoles: ['job-consultant'],
    leaderSkill: 'workshop',
    channels: ['in-person'],
    countsAsJobMeeting: false,
  },
  {
    code: 'theme-i-job-igen',
    nameDa: 'Temadag: I job igen',
    nameEn: 'Theme day: Back in work',
    kind: 'group',
    defaultDurationMinutes: 360,
    minGroupSize: 8,
    maxGroupSize: 30,
    leaderRoles: ['job-consultant'],
    leaderSkill: 'theme-day',
    channels: ['in-person'],
    countsAsJobMeeting: false,
  },
  {
    code: 'theme-klar-til-job',
    nameDa: 'Temadag: Klar til job',
    nameEn: 'Theme day: Ready for work',
    kind: 'group',
    defaultDurationMinutes: 360,
    minGroupSize: 8,
    maxGroupSize: 30,
    leaderRoles: ['job-consultant'],
    leaderSkill: 'theme-day',
    channels: ['in-person'],
    countsAsJobMeeting: false,
  },
  {
    code: 'theme-it',
    nameDa: 'It-temadag',
    nameEn: 'IT theme day',
    kind: 'group',
    defaultDurationMinutes: 360,
    minGroupSize: 8,
    maxGroupSize: 30,
    leaderRoles: ['job-consultant'],
    leaderSkill: 'theme-day',
    channels: ['in-person'],
    countsAsJobMeeting: false,
  },
  {
    code: 'jobstarter',
    nameDa: 'JobStarter-samtale',
    nameEn: 'JobStarter meeting',
    kind: 'individual',
    defaultDurationMinutes: 120,
    minGroupSize: null,
    maxGroupSize: null,
    leaderRoles: ['pre-unemployment'],
    leaderSkill: 'jobstarter',
    channels: ['in-person', 'video'],
    countsAsJobMeeting: false,
  },
  {
    code: 'snart-udlaert',
    nameDa: 'SnartUdlært-samtale',
    nameEn: 'Soon-qualified meeting',
    kind: 'individual',
    defaultDurationMinutes: 60,
    minGroupSize: null,
    maxGroupSize: null,
    leaderRoles: ['pre-unemployment'],
    leaderSkill: 'snart-udlaert',
    channels: ['in-person', 'phone', 'video'],
    countsAsJobMeeting: false,
  },
  {
    code: 'service-call',
    nameDa: 'Servicesamtale',
    nameEn: 'Service call',
    kind: 'individual',
    defaultDurationMinutes: 20,
    minGroupSize: null,
    maxGroupSize: null,
    leaderRoles: ['adviser'],
    leaderSkill: null,
    channels: ['phone'],
    countsAsJobMeeting: false,
  },
  {
    code: 'summons',
    nameDa: 'Indkaldelse til samtale',
    nameEn: 'Summons to a meeting',
    kind: 'individual',
    defaultDurationMinutes: 45,
    minGroupSize: null,
    maxGroupSize: null,
    leaderRoles: ['adviser'],
    leaderSkill: null,
    channels: ['in-person'],
    countsAsJobMeeting: true,
  },
];

export const ACTIVITY_BY_CODE: ReadonlyMap<string, ActivityType> = new Map(ACTIVITY_CATALOGUE.map((a) => [a.code, a]));

/**
 * Group sessions: a session still below its minimum is flagged to its office this many days before the start (on
 * the wall clock, so 13:00 stays 13:00 across a clock change), for the office to decide whether to hold it. Seats
 * stay bookable until the start: a late seat helps a session reach its minimum. An office may set another cut-off
 * per session.
 */
export const SESSION_CUTOFF_DAYS = 3;

/** Standard local start times of new group sessions, by the skill their leaders need; others use the default. */
export const SESSION_START_TIMES: Readonly<Record<string, readonly string[]>> = {
  netcafe: ['09:00', '13:00'],
  workshop: ['09:00', '12:30'],
  'theme-day': ['09:00'],
};
export const DEFAULT_SESSION_START_TIMES: readonly string[] = ['09:00', '13:00'];

/** Smiley follow-up: a yellow smiley gets a service call (servicesamtale) due within this many working days. */
export const SERVICE_CALL_DUE_WORKING_DAYS = 2;
/** A red smiley gets a summons (indkaldelse) held by the end of this many working days. */
export const SUMMONS_WITHIN_WORKING_DAYS = 5;
