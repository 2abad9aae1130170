import { Inject, Injectable } from '@nestjs/common';
import { badRequest, notFound, unprocessable } from '../../common/errors/domain-error.js';
import { CapacityRepository, type ScenarioRow } from '../capacity.repository.js';
import type { CreateScenarioBody } from '../dto/capacity-scenario.dto.js';
import { mondayOfWeekKey } from '../../shared/time/index.js';
import { type ScenarioAdjustment } from './core/scenario-adjustments.js';

@Injectable()
export class CapacityScenariosService {
  constructor(@Inject(CapacityRepository) private readonly repository: CapacityRepository) {}

  list(): Promise<ScenarioRow[]> {
    return this.repository.listScenarios();
  }

  /** The adjustments of a named scenario; none for the baseline. */
  async adjustmentsFor(name: string | undefined | null): Promise<ScenarioAdjustment[]> {
    if (!name) return [];
    const scenario = await this.repository.findScenarioByName(name);
    if (!scenario) throw unprocessable('UNKNOWN_SCENARIO', `No scenario is named "${name}".`);
    return scenario.adjustments;
  }

  async create(body: CreateScenarioBody, createdBy: string | null): Promise<ScenarioRow> {
    const fields: { field: string; problems: string[] }[] = [];
    body.adjustments.forEach((adjustment, i) => {
      const field = `adjustments.${i}`;
      if ((adjustment.fromWeek === undefined) === (adjustment.fromDate === undefined)) {
        fields.push({ field: `${field}.fromWeek`, problems: ['give exactly one of fromWeek and fromDate'] });
      }
      let start = adjustment.fromDate;
      if (adjustment.fromWeek !== undefined) {
        try {
          start = mondayOfWeekKey(adjustment.fromWeek);
        } catch {
          fields.push({ field: `${field}.fromWeek`, problems: [`${adjustment.fromWeek} is not a week of its year`] });
        }
      }
      if (start && adjustment.toDate && adjustment.toDate < start) {
        fields.push({ field: `${field}.toDate`, problems: ['toDate must not be before the start'] });
      }
    });
    if (fields.length > 0) {
      throw badRequest(
        'VALIDATION_FAILED',
        `Invalid request: ${fields.map((f) => `${f.field} (${f.problems.join('; ')})`).join(', ')}`,
        { fields },
      );
    }
    const offices = await this.repository.listOffices();
    const officeIds = new Set(offices.map((o) => o.id));
    const departmentIds = new Set(offices.map((o) => o.departmentId));
    const unknownOffices = body.adjustments.flatMap((a) => a.officeIds ?? []).filter((id) => !officeIds.has(id));
    if (unknownOffices.length > 0)
      throw unprocessable('UNKNOWN_OFFICE', `No office has the id ${unknownOffices.join(', ')}.`);
    const unknownDepartments = body.adjustments
      .flatMap((a) => a.departmentIds ?? [])
      .filter((id) => !departmentIds.has(id));
    if (unknownDepartments.length > 0)
      throw unprocessable('UNKNOWN_DEPARTMENT', `No department has the id ${unknownDepartments.join(', ')}.`);
    const adjustments: ScenarioAdjustment[] = body.adjustments.map((a) => ({
      ...(a.fromWeek !== undefined ? { fromWeek: a.fromWeek } : {}),
      ...(a.fromDate !== undefined ? { fromDate: a.fromDate } : {}),
      ...(a.toDate !== undefined ? { toDate: a.toDate } : {}),
      ...(a.departmentIds !== undefined ? { departmentIds: a.departmentIds } : {}),
      ...(a.officeIds !== undefined ? { officeIds: a.officeIds } : {}),
      factor: a.factor,
    }));
    return this.repository.insertScenario({
      name: body.name,
      description: body.description ?? null,
      adjustments,
      createdBy,
    });
  }

  async delete(id: string): Promise<void> {
    if (!(await this.repository.deleteScenario(id))) throw notFound('scenario', id);
  }
}
