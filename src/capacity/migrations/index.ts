import { InflowHistory1763900100000 } from './1763900100000-inflow-history.js';
import { CapacityPlanning1763900300000 } from './1763900300000-capacity-planning.js';
import { OptimiserRuns1763900500000 } from './1763900500000-optimiser-runs.js';
import { ProgrammeShare1766500000000 } from './1766500000000-programme-share.js';
import { CapacityPlanInputs1766600000000 } from './1766600000000-capacity-plan-inputs.js';
import { CapacityPlanBookingInputs1766600000001 } from './1766600000001-capacity-plan-booking-inputs.js';
import { RunStatusTransitions1767300000003 } from './1767300000003-run-status-transitions.js';
import { CapacityPlanAsked1767300000100 } from './1767300000100-capacity-plan-asked.js';

export const capacityMigrations = [
  InflowHistory1763900100000,
  CapacityPlanning1763900300000,
  OptimiserRuns1763900500000,
  ProgrammeShare1766500000000,
  CapacityPlanInputs1766600000000,
  CapacityPlanBookingInputs1766600000001,
  RunStatusTransitions1767300000003,
  CapacityPlanAsked1767300000100,
];
