import { backtest } from './backtest.js';
import { type EtsForecast, type EtsModel } from './ets.js';
import { addIsoWeeks, type IsoWeek } from '../../../shared/time/iso-week.js';
import {
  fitBaseForecasts,
  type HierarchicalOptions,
  type OfficeForecast,
  RECONCILIATION_METHODS,
  reconcile,
  type ReconciliationMethod,
} from './reconcile.js';

export type { HierarchicalOptions, OfficeForecast, ReconciliationMethod } from './reconcile.js';

export interface HierarchicalForecast {
  /**
   * Forecast of the summed series (fund, department or target group), reconciled with the offices, and the fitted
   * fund model. With top-down it is the model's own forecast.
   */
  total: EtsForecast & { model: EtsModel };
  offices: Map<string, OfficeForecast>;
  /** ISO week of each forecast step, when `startIsoWeek` was given. */
  isoWeeks?: IsoWeek[];
  /** Smoothed share of each office; the shares sum to 1. */
  shares: Map<string, number>;
  /**
   * Variance of the offices' counts around their shares of the total, relative to binomial thinning (>= 1), pooled
   * over offices: one office's year holds too few members to estimate its own.
   */
  dispersion: number;
  reconciliation: {
    method: ReconciliationMethod;
    /** 'backtest': chosen by the rolling-origin backtest; 'fixed': given; 'default': too little history to choose. */
    chosenBy: 'backtest' | 'fixed' | 'default';
    /** Office-level MASE of each method in that backtest. */
    officeMase?: Record<ReconciliationMethod, number>;
  };
}

const BACKTEST_WINDOW = 52;

/**
 * Forecasts every office and their sum. One ETS model carries the fund's level, seasonality and shifts: at ~1 new
 * member per office per week the office series are mostly Poisson noise, so an office-level seasonal fit chases
 * noise. Office forecasts come from that model through the reconciliation method (top-down shares, bottom-up office
 * levels, or MinT combining both), chosen by backtest unless given; see `reconcile`.
 */
export function forecastOffices(
  series: Map<string, number[]>,
  horizon: number,
  options: HierarchicalOptions = {},
): HierarchicalForecast {
  const requested = options.reconciliation ?? 'auto';
  if (requested !== 'auto' && !RECONCILIATION_METHODS.includes(requested)) {
    throw new Error(`reconciliation must be 'auto' or one of ${RECONCILIATION_METHODS.join(', ')}`);
  }
  const base = fitBaseForecasts(series, horizon, options);
  const period = options.model?.period ?? 52;
  let reconciliation: HierarchicalForecast['reconciliation'] = { method: 'top-down', chosenBy: 'default' };
  if (requested !== 'auto') {
    reconciliation = { method: requested, chosenBy: 'fixed' };
  } else if (base.n - BACKTEST_WINDOW >= period + 1) {
    const report = backtest(series, {
      window: BACKTEST_WINDOW,
      period,
      forecast: { ...options, reconciliation: 'auto' },
    });
    const methods = report.reconciliation.methods;
    reconciliation = {
      method: report.reconciliation.method,
      chosenBy: 'backtest',
      officeMase: Object.fromEntries(RECONCILIATION_METHODS.map((m) => [m, methods[m].office.mase])) as Record<
        ReconciliationMethod,
        number
      >,
    };
  }
  const result = reconcile(base, reconciliation.method);
  const start = options.startIsoWeek;
  const isoWeeks = start ? Array.from({ length: horizon }, (_, h) => addIsoWeeks(start, base.n + h)) : undefined;
  return {
    total: { ...base.fund, ...result.total, model: base.fund.model },
    offices: result.offices,
    ...(isoWeeks ? { isoWeeks } : {}),
    shares: base.shares,
    dispersion: base.dispersion,
    reconciliation,
  };
}
