import { DomainError } from '../../common/errors/domain-error.js';
import { FixedClock } from '../../shared/time/clock.js';
import { SlotsService } from './slots.service.js';
import type { CreateSlotBody } from '../dto/slots.dto.js';

/** Stops the service at its first database look-up: reaching it means the time checks passed. */
class ReachedDatabase extends Error {}

function serviceAt(now: string): SlotsService {
  const locations = { findOffice: () => Promise.reject(new ReachedDatabase()) };
  const none = {} as never;
  return new SlotsService(none, none, none, none, locations as never, none, new FixedClock(now), none);
}

const body = (start: string, end: string) =>
  ({
    start: new Date(start),
    end: new Date(end),
    staffId: 's',
    activityCodes: ['cv-meeting'],
    channel: 'in-person',
  }) as unknown as CreateSlotBody;
const admin = { role: 'admin' } as const;

describe('SlotsService with an injected clock', () => {
  it('refuses a slot that starts before the clock, whatever the machine thinks the time is', async () => {
    const service = serviceAt('2030-12-24T09:00:00Z');
    await expect(
      service.publishSlot(admin, 'office', body('2030-12-24T08:00:00Z', '2030-12-24T09:00:00Z')),
    ).rejects.toMatchObject({ code: 'IN_THE_PAST' });
    await expect(
      service.publishSlot(admin, 'office', body('2030-12-24T09:00:00Z', '2030-12-24T10:00:00Z')),
    ).rejects.toBeInstanceOf(DomainError);
  });

  it('accepts the same slot when the clock stands before it', async () => {
    const service = serviceAt('2030-12-23T09:00:00Z');
    await expect(
      service.publishSlot(admin, 'office', body('2030-12-24T08:00:00Z', '2030-12-24T09:00:00Z')),
    ).rejects.toBeInstanceOf(ReachedDatabase);
  });
});
