import { Inject, Injectable } from '@nestjs/common';
import { AccessService } from '../../common/auth/access.service.js';
import { type Principal } from '../../common/auth/principal.js';
import { badRequest, notFound, unprocessable } from '../../common/errors/domain-error.js';
import { assertDatePeriod } from '../../common/validation/period.js';
import { addDays } from '../../shared/time/index.js';
import { CapacityRepository } from '../capacity.repository.js';
import type { HistoryQuery } from '../dto/capacity-query.dto.js';
import { MAX_CSV_PROBLEMS, parseHistoryCsv } from './core/parse-history-csv.js';

@Injectable()
export class CapacityHistoryService {
  constructor(
    @Inject(CapacityRepository) private readonly repository: CapacityRepository,
    @Inject(AccessService) private readonly access: AccessService,
  ) {}

  /** Stores the whole file or nothing: a file with any error is answered with every error's line and column. */
  async importCsv(body: unknown) {
    if (typeof body !== 'string') {
      throw badRequest('CSV_REQUIRED', 'Send the history as a CSV body with Content-Type: text/csv.');
    }
    const offices = await this.repository.listOffices();
    const parsed = parseHistoryCsv(body, new Set(offices.map((o) => o.code)));
    if (parsed.problems.length > 0) {
      const truncated = parsed.problems.length >= MAX_CSV_PROBLEMS;
      throw unprocessable(
        'CSV_INVALID',
        `The file has ${truncated ? 'at least ' : ''}${parsed.problems.length} error(s); nothing was stored.`,
        {
          errors: parsed.problems,
          truncated,
        },
      );
    }
    await this.repository.upsertHistory(parsed.rows);
    const weeks = parsed.rows.map((r) => r.weekStart).sort();
    return {
      imported: parsed.rows.length,
      offices: new Set(parsed.rows.map((r) => r.officeCode)).size,
      firstWeek: weeks[0],
      lastWeek: weeks[weeks.length - 1],
    };
  }

  async list(principal: Principal, query: HistoryQuery) {
    const all = await this.repository.listOffices();
    const offices = this.access.visible(principal, all);
    if (query.officeId && !offices.some((o) => o.id === query.officeId)) throw notFound('office', query.officeId);
    const bounds = await this.repository.historyBounds();
    const to = query.to ?? bounds.last ?? '9999-12-31';
    const from = query.from ?? addDays(to, -7 * 51);
    assertDatePeriod(from, to);
    const officeIds = query.officeId
      ? [query.officeId]
      : offices.length === all.length
        ? undefined
        : offices.map((o) => o.id);
    return { from, to, rows: await this.repository.listHistory({ officeIds, from, to }) };
  }
}
