import { Inject, Injectable } from '@nestjs/common';
import { conflict, notFound } from '../common/errors/domain-error.js';
import { toCsv, type CsvDialect } from '../common/csv/csv.js';
import type { ListOptimiserRunsQuery, UnplacedQuery } from './dto/optimiser-history.dto.js';
import { OptimiserHistoryRepository } from './optimiser-history.repository.js';

const UNPLACED_COLUMNS = [
  'member_number',
  'home_office',
  'activity_code',
  'activity_name',
  'reason',
  'hint',
  'programme_item_id',
] as const;

/** What the optimiser page reads besides one run: the list of past runs and a run's unplaced items, paged or as CSV. */
@Injectable()
export class OptimiserHistoryService {
  constructor(@Inject(OptimiserHistoryRepository) private readonly history: OptimiserHistoryRepository) {}

  /** Newest first, the nightly runs among them. */
  async list(query: ListOptimiserRunsQuery) {
    const limit = query.limit ?? 20;
    const offset = query.offset ?? 0;
    const { total, runs } = await this.history.list({ limit, offset, origin: query.origin });
    return { total, limit, offset, runs };
  }

  async unplaced(id: string, query: UnplacedQuery) {
    await this.assertProposal(id);
    const limit = query.limit ?? 50;
    const offset = query.offset ?? 0;
    const { total, rows } = await this.history.unplaced(id, { limit, offset });
    return { runId: id, total, limit, offset, items: rows };
  }

  /** Every unplaced item of the run as CSV, in the proposal's order. */
  async unplacedCsv(id: string, dialect: CsvDialect = 'rfc4180'): Promise<string> {
    await this.assertProposal(id);
    const { rows } = await this.history.unplaced(id, { limit: null, offset: 0 });
    return toCsv(
      UNPLACED_COLUMNS,
      rows.map((r) => [
        r.memberNumber,
        r.homeOfficeName,
        r.activityCode,
        r.activityName,
        r.reason,
        r.hint,
        r.programmeItemId,
      ]),
      dialect,
    );
  }

  private async assertProposal(id: string): Promise<void> {
    const run = await this.history.runState(id);
    if (!run) throw notFound('optimiser run', id);
    if (!run.stored)
      throw conflict(
        'RUN_NOT_DONE',
        `The run is ${run.status}; it has no proposal${run.status === 'queued' || run.status === 'running' ? ' yet' : ''}.`,
      );
  }
}
