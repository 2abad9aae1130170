import { Inject, Injectable } from '@nestjs/common';
import { departmentScope, type Principal } from '../../common/auth/principal.js';
import { LocationsService } from '../../locations/locations.service.js';
import { BookingsRepository } from './bookings.repository.js';

@Injectable()
export class AuditService {
  constructor(
    @Inject(BookingsRepository) private readonly bookings: BookingsRepository,
    @Inject(LocationsService) private readonly locations: LocationsService,
  ) {}

  /** Coordinators read their department's offices' events; central coordinators everything. */
  async list(principal: Principal, query: { entity?: string; entityId?: string; limit?: number }) {
    const scope = departmentScope(principal);
    const officeIds = scope === undefined ? undefined : (await this.locations.listAllOffices()).filter((o) => o.departmentId === scope).map((o) => o.id);
    return this.bookings.listAudit({ ...query, officeIds }, query.limit ?? 100);
  }
}
