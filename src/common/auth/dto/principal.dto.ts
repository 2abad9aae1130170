import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ACCESS_ROLES, type Role } from '../../../shared/vocabulary/roles.js';

/** Who a token or web session acts as (src/common/auth/principal.ts), as the sign-in routes answer it. */
export class PrincipalDto {
  @ApiProperty({ enum: ACCESS_ROLES, enumName: 'Role' }) role!: Role;
  @ApiPropertyOptional({ format: 'uuid', description: 'Member id for members, staff id for staff' }) subjectId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'The department an adviser or office coordinator acts for' })
  departmentId?: string;
  @ApiPropertyOptional({ type: [String], description: 'Machine clients: what their service account may do' })
  scopes?: readonly string[];
}
