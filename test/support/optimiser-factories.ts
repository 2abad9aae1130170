import type { TestApp } from './test-app.js';
import type { MainOffice } from './booking-factories.js';

const WINDOWS: { activityCode: string; fromDay: number; toDay: number }[] = [
  { activityCode: 'netcafe', fromDay: 14, toDay: 21 },
  { activityCode: 'workshop-skriv', fromDay: 21, toDay: 28 },
  { activityCode: 'workshop-tal', fromDay: 28, toDay: 35 },
  { activityCode: 'theme-it', fromDay: 42, toDay: 56 },
];

/**
 * Many members of one office with open group items, written straight to the tables (the API would
 * take minutes for this many), first days of unemployment spread over three weeks from `firstDay`.
 * Big enough that a solve takes seconds, so a test can catch a run while it is running.
 */
export async function seedBusyOffice(
  t: TestApp,
  office: MainOffice,
  count: number,
  firstDay: string,
  tag: string,
): Promise<void> {
  await t.db.query(
    `WITH inserted AS (
       INSERT INTO member (member_number, name, municipality_code, home_office_id, first_unemployment_day, risk, target_group, basic_it_needs)
       SELECT $5 || '-' || g, 'Belastningsmedlem ' || g, $2, $1, $3::date + (g % 21), 'high', 'it', true FROM generate_series(1, $4) AS g
       RETURNING id, first_unemployment_day
     )
     INSERT INTO programme_item (member_id, activity_code, required, window_start, window_end, channels)
     SELECT i.id, w.activity_code, true,
            (i.first_unemployment_day + w.from_day)::timestamp AT TIME ZONE 'Europe/Copenhagen',
            (i.first_unemployment_day + w.to_day)::timestamp AT TIME ZONE 'Europe/Copenhagen', ARRAY['in-person']
     FROM inserted i CROSS JOIN jsonb_to_recordset($6::jsonb) AS w(activity_code text, from_day int, to_day int)`,
    [
      office.id,
      office.municipalityCode,
      firstDay,
      count,
      tag,
      JSON.stringify(WINDOWS.map((w) => ({ activity_code: w.activityCode, from_day: w.fromDay, to_day: w.toDay }))),
    ],
  );
}
