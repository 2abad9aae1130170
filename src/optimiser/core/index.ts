export { generateCandidateSessions, type CandidateSession } from './candidate-sessions.js';
export { checkProposal } from './check-proposal.js';
export { DEFAULT_MAX_OFFICES_PER_ITEM, OptimiserInputError } from './compiled-model.js';
export { DEFAULT_MAX_TRAVEL_KM } from '../../shared/geo.js';
export { DANISH_CLOSURE_DATES_2026_2027, DANISH_OFFICE_TOWNS } from './danish-offices.js';
export { solveExact, type ExactOptions, type ExactResult } from './exact-mip.js';
export { generateInstance, STANDARD_GROUP_ACTIVITIES, type GeneratorOptions } from './generate-instance.js';
export { localInstant } from './local-time.js';
export { optimiseSessions } from './optimise.js';
export { optimiseAndPolish, type PolishedProposal, type PolishOptions } from './polish.js';
export {
  combineWithdrawalPasses,
  optimiseWithWithdrawals,
  slotsToWithdraw,
  withWithdrawableTimeFree,
} from './withdrawal.js';
export * from './types.js';
