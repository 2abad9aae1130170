import { Inject, Injectable } from '@nestjs/common';
import { AccessService } from '../../common/auth/access.service.js';
import type { Principal } from '../../common/auth/principal.js';
import { LocationsService } from '../../locations/locations.service.js';
import { BookingsRepository } from './bookings.repository.js';

@Injectable()
export class AuditService {
  constructor(
    @Inject(BookingsRepository) private readonly bookings: BookingsRepository,
    @Inject(LocationsService) private readonly locations: LocationsService,
    @Inject(AccessService) private readonly access: AccessService,
  ) {}

  /** Coordinators read their department's offices' events; central coordinators everything. */
  async list(principal: Principal, query: { entity?: string; entityId?: string; limit?: number }) {
    const officeIds =
      this.access.departmentFilter(principal) === undefined
        ? undefined
        : this.access.visible(principal, await this.locations.listAllOffices()).map((o) => o.id);
    return this.bookings.listAudit({ ...query, officeIds }, query.limit ?? 100);
  }
}
