import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Schema } from '../src/api/client';
import { reply, stubApi } from './support/api-stub';
import { renderApp } from './support/render-app';

type Plan = Schema<'CapacityPlanDto'>;

const DEPARTMENT = 'd0000000-0000-4000-8000-000000000008';
const AARHUS = '0b9e6f1c-2d3a-4b5c-8d7e-6f5a4b3c2d1e';

/** A one-office, one-week plan as src/capacity/plan answers it (the fields the page reads). */
function planWith(demandHours: number): Plan {
  const supplyHours = 10;
  return {
    from: '2027-03-08',
    weeks: ['2027-W10'],
    weekStarts: ['2027-03-08'],
    scenario: null,
    departmentId: DEPARTMENT,
    cohortStart: 'members',
    offices: [{ id: AARHUS, code: 'AAR', name: 'Aarhus', departmentId: DEPARTMENT }],
    activities: [{ activity: 'cv-meeting', kind: 'individual', role: 'adviser', skill: null, pool: 'office' }],
    summary: {
      demandHours,
      supplyHours,
      pooledSupplyHours: supplyHours,
      shortfallHours: Math.max(0, demandHours - supplyHours),
      plannedHours: 0,
      publishedSlotHours: 0,
      publishedSessionHours: 0,
      bookedHours: 0,
      convertibleHours: 0,
      groupConvertibleHours: 0,
      groupConvertibleNote: '',
      waitingSeats: 0,
    },
    rows: [
      {
        officeId: AARHUS,
        week: '2027-W10',
        activity: 'cv-meeting',
        participants: demandHours,
        sessions: null,
        demandHours,
        supplyHours,
        gapHours: demandHours - supplyHours,
        utilisation: demandHours / supplyHours,
      },
    ],
    officeWeeks: [],
    signals: [],
    backlog: [],
  } as unknown as Plan;
}

describe('the capacity page', () => {
  it('says when the plan shown is of older inputs, and shows the new plan by itself once it is computed', async () => {
    let asked = 0;
    const api = stubApi({
      'GET /api/capacity/scenarios': [],
      'GET /api/capacity/programme-shares': reply(403, { statusCode: 403, code: 'FORBIDDEN', message: 'no' }),
      'GET /api/capacity/plan': () => {
        asked++;
        return asked === 1
          ? reply(200, planWith(12), {
              'X-Plan-Refreshing': 'true',
              'Last-Modified': 'Mon, 08 Mar 2027 09:41:00 GMT',
            })
          : reply(200, planWith(15), { 'Last-Modified': 'Mon, 08 Mar 2027 09:42:00 GMT' });
      },
    });
    renderApp('/coordinator/capacity', { role: 'office-coordinator', departmentId: DEPARTMENT });
    const note = await screen.findByTestId('plan-refreshing');
    // 09:41 UTC is 10:41 in Copenhagen.
    expect(note.textContent).toContain('10.41');
    expect(screen.getByTestId('heatmap').textContent).toContain('+2,0');
    await waitFor(() => expect(screen.queryByTestId('plan-refreshing')).toBeNull(), { timeout: 6000 });
    expect(screen.getByTestId('heatmap').textContent).toContain('+5,0');
    expect(api.to('GET /api/capacity/plan')).toHaveLength(2);
  });
});
