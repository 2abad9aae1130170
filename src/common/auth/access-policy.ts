import type { Role } from './principal.js';

/**
 * Who may do what, declared once per resource and action: which roles, and which scope. The auth guard
 * answers 403 for a role not listed here, before any service runs, so a forbidden action is 403 whatever
 * the id. What a listed role may reach is then narrowed by its scope through AccessService (access.service.ts),
 * the one place services and repository queries take it from; anything outside it is 404, as if it did
 * not exist. Machine clients (`service`) are opened route by route with @Scopes() instead.
 *
 * Scopes: `own-member`: members their own resources, staff their department's members', central roles all;
 * `own-department`: staff their department's, central roles all; `offer`: as own-department for staff,
 * while members see every session on offer (with only their own place in it); `self`: a staff member's own
 * record only (their message settings; AccessService.assertSelfStaff, anyone else's answers 404); `central`: the
 * whole fund (central roles only); `reference`: everything; `signed-in`: the caller's own sign-in; `public`: no caller.
 *
 * Keys are the OpenAPI paths (`/api/members/{id}`); test/integration/access-policy.test.ts tries every
 * role against every documented route and checks the answer this table predicts (403 for a role not
 * listed; 404 for a resource of another member or department), and fails if a route is missing here.
 * The README's access table is rendered from it (`renderAccessPolicyTable`).
 */
export type Scope =
  'public' | 'signed-in' | 'reference' | 'offer' | 'self' | 'own-member' | 'own-department' | 'central';

export interface AccessRule {
  resource: string;
  action: string;
  /** `public`: no caller needed. */
  roles: readonly Role[] | 'public';
  scope: Scope;
}

const MEMBER: readonly Role[] = ['member'];
const STAFF: readonly Role[] = [
  'adviser',
  'job-consultant',
  'pre-unemployment',
  'office-coordinator',
  'central-coordinator',
  'admin',
];
const COORDINATORS: readonly Role[] = ['office-coordinator', 'central-coordinator', 'admin'];
const CENTRAL: readonly Role[] = ['central-coordinator', 'admin'];
const PEOPLE: readonly Role[] = [...MEMBER, ...STAFF];

const rule = (resource: string, action: string, roles: AccessRule['roles'], scope: Scope): AccessRule => ({
  resource,
  action,
  roles,
  scope,
});

export const ACCESS_POLICY: Record<string, AccessRule> = {
  'GET /api/auth/login': rule('sign-in', 'start', 'public', 'public'),
  'GET /api/auth/callback': rule('sign-in', 'complete', 'public', 'public'),
  'GET /api/auth/session': rule('web session', 'read', PEOPLE, 'signed-in'),
  'POST /api/auth/logout': rule('web session', 'end', PEOPLE, 'signed-in'),
  'POST /api/auth/link': rule('identity link', 'redeem code', PEOPLE, 'signed-in'),
  'GET /api/sign-in/options': rule('sign-in', 'options', 'public', 'public'),
  'POST /api/demo/token': rule('demo sign-in', 'token', 'public', 'public'),
  'GET /api/demo/people': rule('demo sign-in', 'people', 'public', 'public'),

  'GET /api/departments': rule('department', 'list', PEOPLE, 'reference'),
  'GET /api/municipalities': rule('municipality', 'list', PEOPLE, 'reference'),
  'GET /api/offices': rule('office', 'list', PEOPLE, 'reference'),
  'GET /api/offices/{id}': rule('office', 'read', PEOPLE, 'reference'),
  'GET /api/offices/{id}/closures': rule('office closure', 'list', PEOPLE, 'reference'),
  'PUT /api/offices/{id}/closures': rule('office closure', 'replace', COORDINATORS, 'own-department'),
  'POST /api/offices': rule('office', 'create', COORDINATORS, 'own-department'),
  'PATCH /api/offices/{id}': rule('office', 'update or deactivate', COORDINATORS, 'own-department'),
  'PUT /api/offices/{id}/rooms': rule('room', 'replace', COORDINATORS, 'own-department'),
  'PUT /api/offices/{id}/opening-hours': rule('opening hours', 'replace', COORDINATORS, 'own-department'),
  'POST /api/departments': rule('department', 'create', CENTRAL, 'central'),
  'PATCH /api/departments/{id}': rule('department', 'update or deactivate', COORDINATORS, 'own-department'),
  'GET /api/organisation': rule('organisation', 'export', CENTRAL, 'central'),
  'POST /api/organisation': rule('organisation', 'import', CENTRAL, 'central'),
  'GET /api/organisation/{section}': rule('organisation', 'export', CENTRAL, 'central'),
  'POST /api/organisation/{section}': rule('organisation', 'import', CENTRAL, 'central'),
  'GET /api/activities': rule('activity type', 'list', PEOPLE, 'reference'),

  'GET /api/staff': rule('staff', 'list', STAFF, 'own-department'),
  'POST /api/staff': rule('staff', 'create', COORDINATORS, 'own-department'),
  'GET /api/staff/{id}': rule('staff', 'read', STAFF, 'own-department'),
  'PATCH /api/staff/{id}': rule('staff', 'update', COORDINATORS, 'own-department'),
  'GET /api/staff/{id}/absences': rule('staff absence', 'list', STAFF, 'own-department'),
  'POST /api/staff/{id}/absences': rule('staff absence', 'create', STAFF, 'own-department'),

  'GET /api/members': rule('member', 'list', STAFF, 'own-department'),
  'POST /api/members': rule('member', 'register', STAFF, 'own-department'),
  'GET /api/members/{id}': rule('member', 'read', PEOPLE, 'own-member'),
  'PATCH /api/members/{id}': rule('member', 'update', STAFF, 'own-department'),
  'GET /api/members/{id}/programme': rule('programme', 'read', PEOPLE, 'own-member'),
  'GET /api/members/{id}/availability': rule('availability', 'read', PEOPLE, 'own-member'),
  'POST /api/members/{id}/referral': rule('member', 'refer', STAFF, 'own-department'),
  'POST /api/members/{id}/erasure': rule('member', 'erase', COORDINATORS, 'own-department'),
  'PUT /api/members/{id}/smiley': rule('job-search smiley', 'set', STAFF, 'own-department'),
  'POST /api/members/{memberId}/link-code': rule('identity link', 'issue code', STAFF, 'own-department'),
  'GET /api/tasks': rule('adviser task', 'list', STAFF, 'own-department'),

  'GET /api/offices/{officeId}/slots': rule('slot', 'list', STAFF, 'own-department'),
  'POST /api/offices/{officeId}/slots': rule('slot', 'publish', STAFF, 'own-department'),
  'POST /api/offices/{officeId}/slots/bulk': rule('slot', 'publish pattern', STAFF, 'own-department'),
  'POST /api/offices/{officeId}/slots/bulk/preview': rule('slot', 'preview pattern', STAFF, 'own-department'),
  'DELETE /api/slots/{id}': rule('slot', 'cancel', STAFF, 'own-department'),
  'GET /api/offices/{officeId}/sessions': rule('session', 'list', PEOPLE, 'reference'),
  'POST /api/offices/{officeId}/sessions': rule('session', 'create', STAFF, 'own-department'),
  'GET /api/sessions/{id}': rule('session', 'read', PEOPLE, 'offer'),
  'PATCH /api/sessions/{id}': rule('session', 'move', STAFF, 'own-department'),
  'GET /api/sessions/{id}/participants': rule('session participants', 'list', STAFF, 'own-department'),
  'DELETE /api/sessions/{id}': rule('session', 'cancel', STAFF, 'own-department'),
  'POST /api/sessions/{id}/waitlist': rule('waiting list', 'join', PEOPLE, 'own-member'),

  'POST /api/bookings': rule('booking', 'book', PEOPLE, 'own-member'),
  'GET /api/bookings/{id}': rule('booking', 'read', PEOPLE, 'own-member'),
  'GET /api/bookings/{id}/details': rule('booking', 'read', PEOPLE, 'own-member'),
  'GET /api/bookings/{id}/calendar.ics': rule('booking', 'download .ics', PEOPLE, 'own-member'),
  'POST /api/bookings/{id}/cancel': rule('booking', 'cancel', PEOPLE, 'own-member'),
  'POST /api/bookings/{id}/reschedule': rule('booking', 'reschedule', PEOPLE, 'own-member'),
  'POST /api/bookings/{id}/attendance': rule('booking', 'record attendance', STAFF, 'own-department'),
  'GET /api/audit': rule('audit log', 'read', COORDINATORS, 'own-department'),
  'GET /api/kpis': rule('KPIs', 'read', COORDINATORS, 'own-department'),

  'GET /api/members/{memberId}/inbox': rule('message', 'list', PEOPLE, 'own-member'),
  'POST /api/members/{memberId}/inbox/{id}/read': rule('message', 'mark read', MEMBER, 'own-member'),
  'GET /api/members/{memberId}/message-preferences': rule('message preferences', 'read', PEOPLE, 'own-member'),
  'PUT /api/members/{memberId}/message-preferences': rule('message preferences', 'change', MEMBER, 'own-member'),
  'GET /api/members/{memberId}/messages': rule('message', 'delivery status', PEOPLE, 'own-member'),
  'GET /api/members/{memberId}/push-subscriptions': rule('push subscription', 'list', PEOPLE, 'own-member'),
  'POST /api/members/{memberId}/push-subscriptions': rule(
    'push subscription',
    'subscribe a browser',
    MEMBER,
    'own-member',
  ),
  'DELETE /api/members/{memberId}/push-subscriptions': rule(
    'push subscription',
    'unsubscribe a browser',
    MEMBER,
    'own-member',
  ),
  'GET /api/push/public-key': rule('push subscription', 'VAPID public key', 'public', 'public'),
  'GET /api/staff/{staffId}/message-preferences': rule('staff message settings', 'read', STAFF, 'self'),
  'PUT /api/staff/{staffId}/message-preferences': rule('staff message settings', 'change', STAFF, 'self'),
  'GET /api/messages/unsubscribe': rule('message preferences', 'unsubscribe (signed link)', 'public', 'public'),
  'POST /api/messages/unsubscribe': rule('message preferences', 'unsubscribe (signed link)', 'public', 'public'),
  'GET /api/messages/dead-letters': rule('message', 'list dead letters', COORDINATORS, 'own-department'),
  'POST /api/messages/{id}/retry': rule('message', 'retry', COORDINATORS, 'own-department'),
  'GET /api/messages/{id}/deliveries': rule('message', 'delivery log', COORDINATORS, 'own-department'),
  'GET /api/offices/{officeId}/message-kpis': rule('message KPIs', 'read', COORDINATORS, 'own-department'),

  'GET /api/calendar/feeds': rule('calendar feed', 'list', PEOPLE, 'own-member'),
  'POST /api/calendar/feeds': rule('calendar feed', 'create', PEOPLE, 'own-member'),
  'DELETE /api/calendar/feeds/{id}': rule('calendar feed', 'delete', PEOPLE, 'own-member'),
  'POST /api/calendar/feeds/{id}/rotate': rule('calendar feed', 'rotate', PEOPLE, 'own-member'),

  'GET /api/capacity/history': rule('inflow history', 'read', COORDINATORS, 'own-department'),
  'POST /api/capacity/history': rule('inflow history', 'import', CENTRAL, 'central'),
  'GET /api/capacity/forecast': rule('forecast', 'read', COORDINATORS, 'own-department'),
  'GET /api/capacity/backtest': rule('forecast', 'backtest', COORDINATORS, 'own-department'),
  'GET /api/capacity/scenarios': rule('scenario', 'list', COORDINATORS, 'own-department'),
  'POST /api/capacity/scenarios': rule('scenario', 'create', CENTRAL, 'central'),
  'DELETE /api/capacity/scenarios/{id}': rule('scenario', 'delete', CENTRAL, 'central'),
  'GET /api/capacity/plan': rule('capacity plan', 'read', COORDINATORS, 'own-department'),
  'GET /api/capacity/programme-shares': rule('programme share', 'read', COORDINATORS, 'own-department'),
  'PUT /api/capacity/programme-shares/roles/{role}': rule('programme share', 'set role default', CENTRAL, 'central'),
  'GET /api/capacity/staff/{id}/programme-share': rule('programme share', 'read', COORDINATORS, 'own-department'),
  'PUT /api/capacity/staff/{id}/programme-share': rule(
    'programme share',
    'set for a person',
    COORDINATORS,
    'own-department',
  ),
  'GET /api/capacity/offices/{id}/expected-hours': rule(
    'capacity plan',
    'expected hours',
    COORDINATORS,
    'own-department',
  ),
  'POST /api/capacity/allocations': rule('allocation', 'propose', CENTRAL, 'central'),
  'GET /api/capacity/allocations/{id}': rule('allocation', 'read', CENTRAL, 'central'),
  'POST /api/capacity/allocations/{id}/accept': rule('allocation', 'accept', CENTRAL, 'central'),
  'GET /api/optimiser/runs': rule('optimiser run', 'list', CENTRAL, 'central'),
  'POST /api/optimiser/runs': rule('optimiser run', 'start', CENTRAL, 'central'),
  'GET /api/optimiser/runs/{id}': rule('optimiser run', 'read', CENTRAL, 'central'),
  'DELETE /api/optimiser/runs/{id}': rule('optimiser run', 'cancel', CENTRAL, 'central'),
  'GET /api/optimiser/runs/{id}/proposal': rule('optimiser run', 'proposal', CENTRAL, 'central'),
  'GET /api/optimiser/runs/{id}/unplaced': rule('optimiser run', 'unplaced', CENTRAL, 'central'),
  'POST /api/optimiser/runs/{id}/apply': rule('optimiser run', 'apply', CENTRAL, 'central'),
};

/** Express's `/api/members/:id` as OpenAPI's `/api/members/{id}`. */
export function openApiPath(expressPath: string): string {
  return expressPath.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

export function accessRule(method: string, expressPath: string): AccessRule | undefined {
  return ACCESS_POLICY[`${method.toUpperCase()} ${openApiPath(expressPath)}`];
}

const SCOPE_TEXT: Record<Scope, string> = {
  public: 'anyone, no sign-in',
  'signed-in': 'their own sign-in',
  reference: 'everything (reference data)',
  offer: 'members: every session, only their own place in it; staff: their department; central roles: all',
  self: 'themselves only',
  'own-member': 'members: themselves; staff: their department’s members; central: all',
  'own-department': 'their department; central roles: all',
  central: 'the whole fund',
};

/** The README's access table: one row per route, generated from ACCESS_POLICY. */
export function renderAccessPolicyTable(): string {
  const lines = ['| route | resource | action | roles | scope |', '|---|---|---|---|---|'];
  for (const [route, entry] of Object.entries(ACCESS_POLICY)) {
    const roles =
      entry.roles === 'public'
        ? 'public'
        : entry.roles.length === PEOPLE.length
          ? 'everyone signed in'
          : entry.roles.join(', ');
    lines.push(`| \`${route}\` | ${entry.resource} | ${entry.action} | ${roles} | ${SCOPE_TEXT[entry.scope]} |`);
  }
  return lines.join('\n');
}
