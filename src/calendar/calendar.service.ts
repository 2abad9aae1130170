import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AccessService } from '../common/auth/access.service.js';
import type { Principal } from '../common/auth/principal.js';
import type { AppConfig } from '../common/config/app-config.js';
import { APP_CONFIG } from '../common/config/config.module.js';
import { conflict, forbidden, notFound } from '../common/errors/domain-error.js';
import { CalendarRepository, type FeedLinkRow, type FeedRevision } from './calendar.repository.js';
import {
  bookingEvent,
  closedLinkExpired,
  feedCalendar,
  type FeedKind,
  feedWindow,
  type FeedWindow,
  publicSessionEvent,
  REPLACED_CALENDAR_NAME,
  REVOKED_CALENDAR_NAME,
  sessionEvent,
  type TokenFeedKind,
} from './feed-events.js';
import { type ConditionalHeaders, feedModifiedAt, isNotModified, lastModifiedHeader } from './feed-http.js';
import { feedUrls, hashFeedToken, isWellFormedFeedToken, newFeedToken } from './feed-token.js';
import { etagFor, type IcsCalendar, type IcsProblem, renderIcs } from './ics/index.js';
import { Clock } from '../shared/time/clock.js';

/** A bad row is in every render of every feed that shows it: one log line per event and problem this often. */
const PROBLEM_LOG_INTERVAL_MS = 10 * 60_000;

const PRIVATE_CACHE = 'private, no-cache';
const PUBLIC_CACHE = 'public, max-age=300';

export interface FeedResponse {
  status: 200 | 304;
  /** Strong: names the uncompressed body. */
  etag: string;
  lastModified: Date;
  cacheControl: string;
  /** Absent for 304 and HEAD: those never render the feed. */
  body?: string;
}

/** What a conditional request is decided on, known before rendering. */
interface FeedValidators {
  etag: string;
  /** The body's last change, to the millisecond (Last-Modified is derived from it and the time of answer). */
  modifiedAt: Date;
  cacheControl: string;
}

export interface FeedLinkView {
  id: string;
  kind: TokenFeedKind;
  subjectId: string;
  status: 'active' | 'revoked';
  createdAt: Date;
  rotatedAt: Date | null;
  revokedAt: Date | null;
}

/** Only returned when a token is made (create, rotate): the token is never stored and cannot be shown again. */
export interface IssuedFeedLink extends FeedLinkView {
  url: string;
  webcalUrl: string;
}

@Injectable()
export class CalendarService {
  private readonly baseUrl: string;
  private readonly logger = new Logger(CalendarService.name);
  private readonly problemsLogged = new Map<string, number>();

  constructor(
    @Inject(CalendarRepository) private readonly repository: CalendarRepository,
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(AccessService) private readonly access: AccessService,
  ) {
    this.baseUrl = config.publicBaseUrl.replace(/\/+$/, '');
  }

  /**
   * A single booking as an .ics download ("add to calendar"): the event of the member's feed, so an app that
   * also subscribes to the feed sees one event, not two. The caller has checked who may see the booking.
   */
  async bookingIcs(bookingId: string): Promise<string> {
    const row = await this.repository.bookingEvent(bookingId);
    if (!row) throw notFound('booking', bookingId);
    return renderIcs(feedCalendar(`${row.activity} – a-kassen`, [bookingEvent(row, this.baseUrl)]));
  }

  async createFeedLink(principal: Principal, kind: TokenFeedKind, subjectId: string): Promise<IssuedFeedLink> {
    await this.assertMayManage(principal, kind, subjectId);
    const { token, hash } = newFeedToken();
    const link = await this.repository.insertFeedLink({
      kind,
      subjectId,
      tokenHash: hash,
      createdByRole: principal.role,
      createdBy: principal.subjectId ?? null,
    });
    return this.issued(link, token);
  }

  async rotateFeedLink(principal: Principal, id: string): Promise<IssuedFeedLink> {
    const existing = await this.manageableLink(principal, id);
    if (existing.revokedAt) throw conflict('FEED_REVOKED', 'This feed link is revoked; create a new one instead.');
    const { token, hash } = newFeedToken();
    const link = await this.repository.rotateFeedLink(id, hash);
    if (!link) throw conflict('FEED_REVOKED', 'This feed link is revoked; create a new one instead.');
    return this.issued(link, token);
  }

  async revokeFeedLink(principal: Principal, id: string): Promise<FeedLinkView> {
    await this.manageableLink(principal, id);
    const link = await this.repository.revokeFeedLink(id);
    if (!link) throw notFound('feed link', id);
    return view(link);
  }

  /** With kind and subjectId: every link of that subject (for someone who may manage it); else the caller's own. */
  async listFeedLinks(
    principal: Principal,
    filter: { kind?: TokenFeedKind; subjectId?: string },
  ): Promise<FeedLinkView[]> {
    if (filter.kind && filter.subjectId) {
      await this.assertMayManage(principal, filter.kind, filter.subjectId);
      return (await this.repository.listFeedLinks({ kind: filter.kind, subjectId: filter.subjectId })).map(view);
    }
    if (!principal.subjectId) return [];
    const links = await this.repository.listFeedLinks({ ...filter, createdByOrSubject: principal.subjectId });
    return links.map(view);
  }

  /** `GET|HEAD /calendar/<token>.ics`. */
  async tokenFeed(
    token: string,
    conditional: ConditionalHeaders,
    withBody: boolean,
    now = this.clock.now(),
  ): Promise<FeedResponse> {
    const missing = notFound('calendar feed');
    if (!isWellFormedFeedToken(token)) throw missing;
    const hash = hashFeedToken(token);
    const feed = await this.repository.findTokenFeed(hash);
    if (!feed) {
      // A rotated-away token: its subscribers must see the events go, not keep the last copy.
      const retired = await this.repository.findRetiredToken(hash);
      if (!retired || closedLinkExpired(retired.retiredAt, now)) throw missing;
      return this.closed(
        'retired',
        retired.feedId,
        retired.retiredAt,
        REPLACED_CALENDAR_NAME,
        conditional,
        withBody,
        now,
      );
    }
    if (feed.revokedAt) {
      if (closedLinkExpired(feed.revokedAt, now)) throw missing;
      return this.closed('revoked', feed.id, feed.revokedAt, REVOKED_CALENDAR_NAME, conditional, withBody, now);
    }
    return this.serve(feed.kind, feed.subjectId, feed, PRIVATE_CACHE, conditional, withBody, now);
  }

  /** Empty, not 404: calendar apps then drop the events instead of keeping the last copy forever. */
  private closed(
    why: 'revoked' | 'retired',
    feedId: string,
    since: Date,
    name: string,
    conditional: ConditionalHeaders,
    withBody: boolean,
    now: Date,
  ): Promise<FeedResponse> {
    const validators = { etag: etagFor(why, feedId), modifiedAt: since, cacheControl: PRIVATE_CACHE };
    return this.respond(validators, conditional, withBody, now, async () => ({
      validators,
      body: renderIcs(feedCalendar(name, [])),
    }));
  }

  /** `GET|HEAD /calendar/offices/<officeId>.ics`: public, no token. */
  async officeFeed(
    officeId: string,
    conditional: ConditionalHeaders,
    withBody: boolean,
    now = this.clock.now(),
  ): Promise<FeedResponse> {
    const office = UUID.test(officeId) ? await this.repository.findOfficeFeed(officeId) : undefined;
    // Not echoed: a feed token pasted into this path would end up in the answer.
    if (!office) throw notFound('calendar feed');
    return this.serve('office', officeId, office, PUBLIC_CACHE, conditional, withBody, now);
  }

  private serve(
    kind: FeedKind,
    subjectId: string,
    revision: FeedRevision,
    cacheControl: string,
    conditional: ConditionalHeaders,
    withBody: boolean,
    now: Date,
  ): Promise<FeedResponse> {
    const window = feedWindow(now);
    return this.respond(
      this.validators(kind, subjectId, revision, window, cacheControl),
      conditional,
      withBody,
      now,
      () =>
        this.repository.readFeedSnapshot(kind, subjectId, async (manager, readRevision) => {
          // The snapshot's own revision: a change committed since the first look-up must not be sent
          // under the older ETag.
          const validators = this.validators(kind, subjectId, await readRevision(), window, cacheControl);
          const body = renderIcs(await this.calendar(manager, kind, subjectId, window), {
            onProblem: (problem) => this.logProblem(kind, problem),
          });
          return { validators, body };
        }),
    );
  }

  private validators(
    kind: FeedKind,
    subjectId: string,
    revision: FeedRevision,
    window: FeedWindow,
    cacheControl: string,
  ): FeedValidators {
    return {
      etag: etagFor(revision.revision, `${kind}:${subjectId}:${window.day}`),
      modifiedAt: feedModifiedAt(revision.changedAt, window),
      cacheControl,
    };
  }

  private async respond(
    validators: FeedValidators,
    conditional: ConditionalHeaders,
    withBody: boolean,
    now: Date,
    render: () => Promise<{ validators: FeedValidators; body: string }>,
  ): Promise<FeedResponse> {
    const answer = ({ etag, modifiedAt, cacheControl }: FeedValidators) => ({
      etag,
      lastModified: lastModifiedHeader(modifiedAt, now),
      cacheControl,
    });
    if (isNotModified(conditional, validators.etag, validators.modifiedAt, now))
      return { status: 304, ...answer(validators) };
    if (!withBody) return { status: 200, ...answer(validators) };
    const rendered = await render();
    return { status: 200, ...answer(rendered.validators), body: rendered.body };
  }

  private async calendar(
    manager: EntityManager,
    kind: FeedKind,
    subjectId: string,
    window: FeedWindow,
  ): Promise<IcsCalendar> {
    const base = this.baseUrl;
    switch (kind) {
      case 'member': {
        const bookings = await this.repository.memberBookingEvents(manager, subjectId, window);
        return feedCalendar(
          'Mine aftaler – a-kassen',
          bookings.map((row) => bookingEvent(row, base)),
        );
      }
      case 'staff': {
        const [appointments, departures, sessions] = await Promise.all([
          this.repository.staffAppointmentEvents(manager, subjectId, window),
          this.repository.staffDepartureEvents(manager, subjectId, window),
          this.repository.ledSessionEvents(manager, subjectId, window),
        ]);
        return feedCalendar('Mine aftaler og forløb – a-kassen', [
          ...appointments.map((row) => bookingEvent(row, base, subjectId)),
          ...departures.map((row) => bookingEvent(row, base, subjectId)),
          ...sessions.map((row) => sessionEvent(row, base)),
        ]);
      }
      case 'session': {
        const [title, sessions] = await Promise.all([
          this.repository.sessionTitle(manager, subjectId),
          this.repository.sessionFeedEvents(manager, subjectId, window),
        ]);
        return feedCalendar(
          title ? `${title.activity} – ${title.officeName}` : 'Forløb – a-kassen',
          sessions.map((row) => sessionEvent(row, base)),
        );
      }
      case 'office': {
        const [office, sessions] = await Promise.all([
          this.repository.findOfficeFeed(subjectId),
          this.repository.officeSessionEvents(manager, subjectId, window),
        ]);
        return feedCalendar(
          `Gruppeforløb – ${office?.name ?? 'a-kassen'}`,
          sessions.map((row) => publicSessionEvent(row, base)),
        );
      }
    }
  }

  /**
   * The feed is served without the event (or with it in UTC); the row needs fixing. The line names the
   * feed kind, the row (`booking:<id>`) and a fixed phrase: no token, no subject, no stored value.
   */
  private logProblem(kind: FeedKind, problem: IcsProblem): void {
    const key = `${problem.ref ?? ''}\n${problem.problem}`;
    const now = Date.now();
    if (now - (this.problemsLogged.get(key) ?? Number.NEGATIVE_INFINITY) < PROBLEM_LOG_INTERVAL_MS) return;
    if (this.problemsLogged.size >= 10_000) this.problemsLogged.clear();
    this.problemsLogged.set(key, now);
    this.logger.warn({
      msg: 'Calendar feed could not render an event as stored',
      feed: kind,
      event: problem.ref ?? null,
      problem: problem.problem,
    });
  }

  private issued(link: FeedLinkRow, token: string): IssuedFeedLink {
    return { ...view(link), ...feedUrls(this.baseUrl, `/calendar/${token}.ics`) };
  }

  private async manageableLink(principal: Principal, id: string): Promise<FeedLinkRow> {
    const link = UUID.test(id) ? await this.repository.findFeedLink(id) : undefined;
    if (!link) throw notFound('feed link', id);
    await this.assertMayManage(principal, link.kind, link.subjectId);
    return link;
  }

  /**
   * The subject's owners (the member, the staff member, a session's leaders and participants) and
   * coordinators over its department. A subject the caller cannot see answers 404, exactly like one that
   * does not exist, as everywhere in the API (members see only themselves, staff their own department's
   * members and staff); staff who may see the subject but not manage its links get 403.
   */
  private async assertMayManage(principal: Principal, kind: TokenFeedKind, subjectId: string): Promise<void> {
    const scope = await this.repository.subjectScope(kind, subjectId);
    if (!scope) throw notFound(`${kind} feed subject`, subjectId);
    const isMember = this.access.isMember(principal);
    const isOwner =
      !!principal.subjectId && scope.ownerIds.includes(principal.subjectId) && ownerRoleFits(isMember, kind);
    if (isOwner) return;
    // Sessions and the cross-department teams are visible to all staff; anything else outside the caller's scope is 404.
    if (isMember || !scope.visibleToAllStaff)
      this.access.assertInScope(principal, { departmentId: scope.departmentId }, `${kind} feed subject`, subjectId);
    if (this.access.seesAllDepartments(principal)) return;
    // Other people's links: coordinators, the roles the policy lets change their department's staff.
    if (!this.access.allows(principal, 'staff', 'update'))
      throw forbidden('Only the owner or a coordinator may manage these feed links.');
    this.access.assertMayActIn(
      principal,
      scope.departmentId,
      'Only a coordinator for this department may manage these feed links.',
    );
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A member token must not pass as the owner of a staff feed with the same id, and the other way round. */
function ownerRoleFits(isMember: boolean, kind: TokenFeedKind): boolean {
  if (kind === 'member') return isMember;
  if (kind === 'staff') return !isMember;
  return true;
}

function view(link: FeedLinkRow): FeedLinkView {
  return {
    id: link.id,
    kind: link.kind,
    subjectId: link.subjectId,
    status: link.revokedAt ? 'revoked' : 'active',
    createdAt: link.createdAt,
    rotatedAt: link.rotatedAt,
    revokedAt: link.revokedAt,
  };
}
