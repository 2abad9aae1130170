import { Inject, Injectable } from '@nestjs/common';
import { AccessService } from '../../common/auth/access.service.js';
import type { Principal } from '../../common/auth/principal.js';
import { notFound, unprocessable } from '../../common/errors/domain-error.js';
import { travelKm, type GeoPoint, type Island } from '../../shared/geo.js';
import { LocationsService } from '../../locations/locations.service.js';
import { slotActivitiesFor } from '../catalogue/slot-stand-ins.js';
import { MembersRepository } from '../members/members.repository.js';
import { BookingsRepository } from '../bookings/bookings.repository.js';
import { AvailabilityRepository } from './availability.repository.js';
import { Clock } from '../../shared/time/clock.js';
import { channelAllowed, notInThePast } from '../rules/booking-rules.js';

export const DEFAULT_MAX_KM = 50;
const MAX_OPTIONS = 50;

/** Whose earlier meeting makes a staff member "the member's own" for the next one. */
const CONTINUITY: Record<string, { from: string[]; reason: string }> = {
  'availability-meeting': { from: ['cv-meeting'], reason: 'Din rådgiver fra CV-samtalen' },
  'follow-up': { from: ['cv-meeting', 'availability-meeting', 'follow-up'], reason: 'Din rådgiver fra CV-samtalen' },
  coaching: { from: ['coaching'], reason: 'Din jobkonsulent fra Min vej i job' },
  'joint-meeting': { from: ['coaching'], reason: 'Din jobkonsulent fra Min vej i job' },
};

export interface AvailabilityRequest {
  item: string;
  from?: Date;
  to?: Date;
  maxKm?: number;
  channel?: string;
}

@Injectable()
export class AvailabilityService {
  constructor(
    @Inject(AvailabilityRepository) private readonly repository: AvailabilityRepository,
    @Inject(MembersRepository) private readonly members: MembersRepository,
    @Inject(LocationsService) private readonly locations: LocationsService,
    @Inject(AccessService) private readonly access: AccessService,
    @Inject(BookingsRepository) private readonly bookings: BookingsRepository,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async forMember(principal: Principal, memberId: string, request: AvailabilityRequest, now = this.clock.now()) {
    const member = await this.access.find(principal, 'member', memberId, (scope) =>
      this.members.findMember(memberId, scope),
    );
    const item = await this.members.findItem(request.item);
    if (!item || item.memberId !== memberId) throw notFound('programme item', request.item);
    // A booked item answers with the times it can move to (the booking keeps its time until a move succeeds).
    const moving = item.status === 'booked' ? await this.bookings.findLiveBookingOfItem(item.id) : undefined;
    if (item.status !== 'open' && !moving)
      throw unprocessable('ITEM_CLOSED', `This programme item is ${item.status}; there is nothing to book.`);
    const rescheduling = moving ? { bookingId: moving.id, start: moving.start, end: moving.end } : null;
    const from = maxDate(item.windowStart, now, request.from);
    const to = minDate(item.windowEnd, request.to);
    if (!notInThePast(item.windowEnd, now))
      throw unprocessable(
        'WINDOW_PASSED',
        `The window for ${item.activityName} ended ${item.windowEnd.toISOString()}.`,
      );
    const channels = request.channel
      ? channelAllowed(item.channels, request.channel)
        ? [request.channel]
        : []
      : item.channels;
    if (channels.length === 0)
      throw unprocessable(
        'CHANNEL_NOT_ALLOWED',
        `${item.activityName} can only be held ${item.channels.join(' or ')}.`,
      );
    const answer = {
      memberId,
      programmeItemId: item.id,
      activityCode: item.activityCode,
      window: { start: item.windowStart, end: item.windowEnd },
      bookableFrom: from,
      rescheduling,
    };
    if (from >= to) return { ...answer, options: [], fullSessions: [] };

    const home = await this.memberLocation(member.municipalityCode, member.homeOfficeId);
    const maxKm = request.maxKm ?? DEFAULT_MAX_KM;
    const offices = await this.locations.listAllOffices();
    const distance = new Map(
      offices.map((o) => [o.id, travelKm(home, { lat: o.lat, lon: o.lon, island: o.island as Island | null })]),
    );
    const reachable = offices
      .filter((o) => distance.get(o.id)! <= maxKm || o.id === member.homeOfficeId)
      .map((o) => o.id);
    const ownDepartment = offices.filter((o) => o.departmentId === member.departmentId).map((o) => o.id);
    const continuity = CONTINUITY[item.activityCode];
    const group = item.activityKind === 'group' && channels.includes('in-person');
    const [options, preferredStaff, full] = await Promise.all([
      this.repository.findOptions({
        memberId,
        activityCode: item.activityCode,
        slotActivityCodes: slotActivitiesFor(item.activityCode),
        from,
        to,
        channels,
        inPersonOfficeIds: reachable,
        remoteOfficeIds: ownDepartment,
        limit: MAX_OPTIONS,
        movingBookingId: moving?.id ?? null,
      }),
      continuity ? this.repository.continuityStaff(memberId, continuity.from) : Promise.resolve([] as string[]),
      group
        ? this.repository.findFullSessions({
            memberId,
            activityCode: item.activityCode,
            from,
            to,
            inPersonOfficeIds: reachable,
            limit: MAX_OPTIONS,
          })
        : Promise.resolve([]),
    ]);
    const officeName = new Map(offices.map((o) => [o.id, o.name]));
    const ranked = options
      .map((option) => {
        const preferred = option.staffId !== null && preferredStaff.includes(option.staffId);
        return {
          ...option,
          officeName: officeName.get(option.officeId),
          distanceKm: option.channel === 'in-person' ? Math.round(distance.get(option.officeId)! * 10) / 10 : null,
          continuity: preferred ? continuity!.reason : null,
        };
      })
      .sort(
        (a, b) =>
          Number(Boolean(b.continuity)) - Number(Boolean(a.continuity)) ||
          a.start.getTime() - b.start.getTime() ||
          (a.distanceKm ?? 0) - (b.distanceKm ?? 0),
      )
      .slice(0, MAX_OPTIONS);
    const fullSessions = full.map((session) => ({
      ...session,
      officeName: officeName.get(session.officeId),
      distanceKm: Math.round(distance.get(session.officeId)! * 10) / 10,
    }));
    return { ...answer, options: ranked, fullSessions };
  }

  private async memberLocation(municipalityCode: string | null, homeOfficeId: string): Promise<GeoPoint> {
    const municipality = municipalityCode ? await this.locations.findMunicipality(municipalityCode) : undefined;
    if (municipality)
      return { lat: municipality.lat, lon: municipality.lon, island: municipality.island as Island | null };
    const office = await this.locations.findOffice(homeOfficeId);
    return { lat: office!.lat, lon: office!.lon, island: office!.island as Island | null };
  }
}

function maxDate(...dates: (Date | undefined)[]): Date {
  return new Date(Math.max(...dates.filter((d): d is Date => d !== undefined).map((d) => d.getTime())));
}

function minDate(...dates: (Date | undefined)[]): Date {
  return new Date(Math.min(...dates.filter((d): d is Date => d !== undefined).map((d) => d.getTime())));
}
