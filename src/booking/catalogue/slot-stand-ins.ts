/**
 * Activities that may be held in a slot published for another activity. A summons (red smiley) is an
 * individual in-person meeting with a local adviser at short notice; offices rarely publish slots
 * for it ahead, so any in-person follow-up time will do. Channel rules still apply.
 */
const STAND_INS: Readonly<Record<string, readonly string[]>> = {
  summons: ['follow-up'],
};

/** The slot activity codes that can take a booking for `activityCode`: its own, then its stand-ins. */
export function slotActivitiesFor(activityCode: string): string[] {
  return [activityCode, ...(STAND_INS[activityCode] ?? [])];
}

export function slotOffers(slotActivityCodes: readonly string[], activityCode: string): boolean {
  return slotActivitiesFor(activityCode).some((code) => slotActivityCodes.includes(code));
}
