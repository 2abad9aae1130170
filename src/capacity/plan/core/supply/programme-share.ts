/** One dated value: it holds from `validFrom` until the next value of the same person or role. */
export interface DatedShare {
  validFrom: string;
  /** Share of working time for programme work, 0–1. Null (a person's row only): the role's default again. */
  share: number | null;
}

/** The value in force on `day`: the last one dated on or before it (values in any order). */
export function valueOn(history: readonly DatedShare[], day: string): DatedShare | undefined {
  let found: DatedShare | undefined;
  for (const entry of history)
    if (entry.validFrom <= day && (!found || entry.validFrom > found.validFrom)) found = entry;
  return found;
}

/**
 * The share of a person's working time that goes to programme work on `day`: their own value when one is in force,
 * else their role's default; 0 when neither has a value yet (nothing is assumed).
 */
export function programmeShareOn(
  personal: readonly DatedShare[],
  roleDefaults: readonly DatedShare[],
  day: string,
): number {
  const own = valueOn(personal, day);
  if (own && own.share !== null) return own.share;
  return valueOn(roleDefaults, day)?.share ?? 0;
}
