import { Inject, Injectable } from '@nestjs/common';
import { AccessService } from '../common/auth/access.service.js';
import { type Principal } from '../common/auth/principal.js';
import { notFound } from '../common/errors/domain-error.js';
import { CapacityPlanningInputsService } from './capacity-planning-inputs.service.js';
import type { PlanQuery } from './dto/capacity-query.dto.js';
import { buildCapacityPlan, summarisePlanSupply } from './plan/capacity-plan.js';
import type { PlanCsvRow } from './plan/plan-csv.js';

/** Roles whose hours are one fund-wide pool (the job team serves every office). */
export const SHARED_POOL_ROLES: ReadonlySet<string> = new Set(['job-consultant']);

const sum = (values: number[]) => Math.round(values.reduce((a, b) => a + b, 0) * 100) / 100;

@Injectable()
export class CapacityPlanService {
  constructor(
    @Inject(CapacityPlanningInputsService) private readonly inputs: CapacityPlanningInputsService,
    @Inject(AccessService) private readonly access: AccessService,
  ) {}

  async plan(principal: Principal, query: PlanQuery) {
    const inputs = await this.inputs.build(query.from, query.weeks ?? 13, query.scenario);
    const visible = this.access.visible(principal, inputs.offices);
    if (query.departmentId && !visible.some((o) => o.departmentId === query.departmentId)) throw notFound('department', query.departmentId);
    const offices = new Map(visible.filter((o) => !query.departmentId || o.departmentId === query.departmentId).map((o) => [o.id, o]));
    const mondays = new Map(inputs.weeks.map((w) => [w.key, w.monday]));
    const rows = buildCapacityPlan(inputs.demand, inputs.staff, SHARED_POOL_ROLES)
      .filter((row) => offices.has(row.officeId))
      .map((row) => {
        const office = offices.get(row.officeId)!;
        return { ...row, weekStart: mondays.get(row.week)!, officeCode: office.code, officeName: office.name, departmentId: office.departmentId };
      });
    return {
      from: inputs.weeks[0].monday,
      weeks: inputs.weeks.map((w) => w.key),
      scenario: query.scenario ?? null,
      departmentId: query.departmentId ?? null,
      cohortStart: inputs.cohortStart,
      summary: {
        demandHours: sum(rows.map((r) => r.demandHours)),
        ...summarisePlanSupply(rows, inputs.demand, inputs.staff, SHARED_POOL_ROLES, new Set(offices.keys())),
        shortfallHours: sum(rows.map((r) => Math.max(0, r.gapHours))),
        ...(this.access.seesAllDepartments(principal) ? { fundParticipants: sum(inputs.demand.map((d) => d.participants)) } : {}),
      },
      rows,
    };
  }

  async planCsvRows(principal: Principal, query: PlanQuery): Promise<PlanCsvRow[]> {
    return (await this.plan(principal, query)).rows;
  }
}
