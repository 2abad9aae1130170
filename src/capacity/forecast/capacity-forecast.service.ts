import { Inject, Injectable } from '@nestjs/common';
import { AccessService } from '../../common/auth/access.service.js';
import { type Principal } from '../../common/auth/principal.js';
import { notFound, unprocessable } from '../../common/errors/domain-error.js';
import { addDays, isoWeekOfDate, mondayOf, mondays, weekKey, weeksBetween } from '../../shared/time/index.js';
import { CapacityRepository, type CapacityOfficeRow } from '../capacity.repository.js';
import { backtest, type ErrorMetrics, type MethodMetrics } from './core/backtest.js';
import { countMedian } from './core/count-interval.js';
import { forecastOffices, type HierarchicalForecast } from './core/hierarchical.js';
import { CapacityScenariosService } from './capacity-scenarios.service.js';
import { inflowFactor, type ScenarioAdjustment } from './core/scenario-adjustments.js';

export const MAX_FORECAST_WEEKS = 52;
/** The backtest needs a full season before its 52-week window. */
const MIN_HISTORY_WEEKS = 105;

export interface HistorySeries {
  offices: CapacityOfficeRow[];
  /** Monday of the first and last history week. */
  first: string;
  last: string;
  series: Map<string, number[]>;
}

interface FittedForecast {
  fingerprint: string;
  history: HistorySeries;
  forecast: HierarchicalForecast;
}

export interface WeekForecast {
  week: string;
  weekStart: string;
  /** Expected count: what plans add up. */
  mean: number;
  /** Median of the same count distribution: the point with the least expected absolute error. */
  median: number;
  lower80: number;
  upper80: number;
}

/** How the forecast was made: the fund's ETS form, a level shift it found, and how offices add up to the fund. */
export interface ForecastModelInfo {
  /** E.g. 'ETS(M,Ad,M)': error, trend and season forms chosen by AICc. */
  name: string;
  /** Monday of the week from which the model's level shift applies, with its relative size; null without one. */
  levelShift: { weekStart: string; relative: number } | null;
}

export interface InflowProjection {
  history: HistorySeries;
  model: ForecastModelInfo;
  reconciliation: { method: string; chosenBy: string };
  /** Mondays from the first forecast week up to the end of the requested window. */
  mondays: string[];
  /** Index of the requested `from` week in `mondays`. */
  leadWeeks: number;
  byOffice: Map<string, WeekForecast[]>;
  fund: WeekForecast[];
}

const round2 = (value: number) => Math.round(value * 100) / 100;

@Injectable()
export class CapacityForecastService {
  private fitted: Promise<FittedForecast> | undefined;
  private fittedFingerprint: string | undefined;

  constructor(
    @Inject(CapacityRepository) private readonly repository: CapacityRepository,
    @Inject(CapacityScenariosService) private readonly scenarios: CapacityScenariosService,
    @Inject(AccessService) private readonly access: AccessService,
  ) {}

  async loadHistory(): Promise<HistorySeries> {
    const [offices, bounds, totals] = await Promise.all([
      this.repository.listOffices(),
      this.repository.historyBounds(),
      this.repository.inflowTotals(),
    ]);
    if (!bounds.first || !bounds.last)
      throw unprocessable('NO_HISTORY', 'There is no inflow history yet: import it with POST /api/capacity/history.');
    const length = weeksBetween(bounds.first, bounds.last) + 1;
    const series = new Map(offices.map((o) => [o.id, new Array<number>(length).fill(0)]));
    for (const row of totals) series.get(row.officeId)![weeksBetween(bounds.first, row.weekStart)] += row.newMembers;
    return { offices, first: bounds.first, last: bounds.last, series };
  }

  /**
   * The fund forecast 52 weeks ahead, refitted only when the history changed: a fit takes tens of milliseconds, and
   * choosing the reconciliation method backtests four more (a few hundred milliseconds in all).
   */
  private async fittedForecast(): Promise<FittedForecast> {
    const fingerprint = await this.repository.historyFingerprint();
    if (!this.fitted || this.fittedFingerprint !== fingerprint) {
      this.fittedFingerprint = fingerprint;
      this.fitted = (async () => {
        const history = await this.loadHistory();
        const forecast = forecastOffices(history.series, MAX_FORECAST_WEEKS, {
          startIsoWeek: isoWeekOfDate(history.first),
        });
        return { fingerprint, history, forecast };
      })();
      this.fitted.catch(() => {
        this.fitted = undefined;
      });
    }
    return this.fitted;
  }

  /** First forecast week: the week after the last history week. */
  async firstForecastMonday(): Promise<string> {
    const bounds = await this.repository.historyBounds();
    if (!bounds.last)
      throw unprocessable('NO_HISTORY', 'There is no inflow history yet: import it with POST /api/capacity/history.');
    return addDays(bounds.last, 7);
  }

  /**
   * Expected inflow per office for the weeks from the first forecast week to the end of [from, from + weeks), with the
   * scenario's factors applied to the mean and both interval bounds.
   */
  async projectInflow(
    from: string | undefined,
    weeks: number,
    adjustments: readonly ScenarioAdjustment[],
  ): Promise<InflowProjection> {
    const { history, forecast } = await this.fittedForecast();
    const origin = addDays(history.last, 7);
    const start = from ? mondayOf(from) : origin;
    const leadWeeks = weeksBetween(origin, start);
    if (leadWeeks < 0) {
      throw unprocessable(
        'PERIOD_BEFORE_FORECAST',
        `The forecast starts in the week of ${origin} (after the last history week); ${start} is earlier.`,
      );
    }
    if (leadWeeks + weeks > MAX_FORECAST_WEEKS) {
      throw unprocessable(
        'FORECAST_HORIZON_EXCEEDED',
        `The forecast reaches ${MAX_FORECAST_WEEKS} weeks from ${origin}; ${weeks} weeks from ${start} go beyond that.`,
      );
    }
    const horizonMondays = mondays(origin, leadWeeks + weeks);
    const byOffice = new Map<string, WeekForecast[]>();
    const fundMean = new Array<number>(horizonMondays.length).fill(0);
    for (const office of history.offices) {
      const base = forecast.offices.get(office.id)!;
      byOffice.set(
        office.id,
        horizonMondays.map((monday, h) => {
          const factor = inflowFactor(adjustments, office, monday);
          fundMean[h] += base.mean[h] * factor;
          return {
            week: weekKey(monday),
            weekStart: monday,
            mean: round2(base.mean[h] * factor),
            median: countMedian(base.mean[h] * factor, base.variance[h] * factor * factor),
            lower80: Math.floor(base.lower80[h] * factor),
            upper80: Math.ceil(base.upper80[h] * factor),
          };
        }),
      );
    }
    const total = forecast.total;
    const fund = horizonMondays.map((monday, h) => {
      const ratio = total.mean[h] > 0 ? fundMean[h] / total.mean[h] : 1;
      return {
        week: weekKey(monday),
        weekStart: monday,
        mean: round2(fundMean[h]),
        median: countMedian(fundMean[h], total.variance[h] * ratio * ratio),
        lower80: round2(total.lower80[h] * ratio),
        upper80: round2(total.upper80[h] * ratio),
      };
    });
    const fitted = forecast.total.model;
    const model: ForecastModelInfo = {
      name: fitted.name,
      levelShift: fitted.levelShift
        ? {
            weekStart: addDays(history.first, 7 * fitted.levelShift.index),
            relative: round2(fitted.levelShift.relative),
          }
        : null,
    };
    const reconciliation = { method: forecast.reconciliation.method, chosenBy: forecast.reconciliation.chosenBy };
    return { history, model, reconciliation, mondays: horizonMondays, leadWeeks, byOffice, fund };
  }

  async forecast(principal: Principal, query: { officeId?: string; from?: string; weeks?: number; scenario?: string }) {
    const adjustments = await this.scenarios.adjustmentsFor(query.scenario);
    const weeks = query.weeks ?? 13;
    const projection = await this.projectInflow(query.from, weeks, adjustments);
    const visible = this.access.visible(principal, projection.history.offices);
    if (query.officeId && !visible.some((o) => o.id === query.officeId)) throw notFound('office', query.officeId);
    const offices = query.officeId ? visible.filter((o) => o.id === query.officeId) : visible;
    const window = (rows: WeekForecast[]) => rows.slice(projection.leadWeeks);
    const { model, reconciliation } = projection;
    return {
      lastHistoryWeek: projection.history.last,
      scenario: query.scenario ?? null,
      interval: 0.8,
      model,
      reconciliation,
      weeks: window(projection.fund).map((w) => w.week),
      fund: this.access.seesAllDepartments(principal) ? window(projection.fund) : undefined,
      offices: offices.map((office) => ({
        officeId: office.id,
        officeCode: office.code,
        officeName: office.name,
        departmentId: office.departmentId,
        weeks: window(projection.byOffice.get(office.id)!),
      })),
    };
  }

  async backtest(principal: Principal) {
    const history = await this.loadHistory();
    const length = history.series.values().next().value?.length ?? 0;
    if (length < MIN_HISTORY_WEEKS) {
      throw unprocessable(
        'HISTORY_TOO_SHORT',
        `The backtest needs at least ${MIN_HISTORY_WEEKS} weeks of history; there are ${length}.`,
      );
    }
    const report = backtest(history.series, { forecast: { startIsoWeek: isoWeekOfDate(history.first) } });
    const visible = this.access.visible(principal, history.offices);
    const metricJson = (m: ErrorMetrics) => ({
      smape: round2(m.smape),
      mase: Number.isNaN(m.mase) ? null : round2(m.mase),
      totalSmape: round2(m.totalSmape),
    });
    const toJson = (metrics: MethodMetrics) =>
      Object.fromEntries(Object.entries(metrics).map(([method, m]) => [method, metricJson(m)]));
    const originMondays = report.origins.map((t) => mondays(history.first, length)[t]);
    return {
      window: {
        from: mondays(history.first, length)[report.origins[0]],
        to: history.last,
        weeks: length - report.origins[0],
      },
      horizon: report.horizon,
      origins: originMondays,
      fund: toJson(report.fund),
      office: toJson(report.office),
      improvementOverSeasonalNaive: {
        fund: { smape: round2(report.improvement.fund.smape), mase: round2(report.improvement.fund.mase) },
        office: { smape: round2(report.improvement.office.smape), mase: round2(report.improvement.office.mase) },
      },
      coverage80: { fund: round2(report.coverage80.fund), office: round2(report.coverage80.office) },
      byOrigin: originMondays.map((origin, i) => ({
        origin,
        fundModel: report.fundModels[i],
        coverage80: {
          fund: round2(report.coverage80ByOrigin.fund[i]),
          office: round2(report.coverage80ByOrigin.office[i]),
        },
        fundBias: round2(report.fundBias[i]),
      })),
      reconciliation: {
        method: report.reconciliation.method,
        chosenBy: report.reconciliation.chosenBy,
        methods: Object.fromEntries(
          Object.entries(report.reconciliation.methods).map(([method, score]) => [
            method,
            {
              fund: metricJson(score.fund),
              office: metricJson(score.office),
              coverage80: { fund: round2(score.coverage80.fund), office: round2(score.coverage80.office) },
            },
          ]),
        ),
      },
      offices: visible.map((office) => ({
        officeId: office.id,
        officeCode: office.code,
        metrics: toJson(report.perOffice.get(office.id)!),
      })),
    };
  }
}
