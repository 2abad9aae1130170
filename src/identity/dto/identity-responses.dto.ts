import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ACCESS_ROLES, type Role } from '../../shared/vocabulary/roles.js';

/** GET /api/auth/session: the principal's fields when linked (none when not), the CSRF token for writes. */
export class WebSessionDto {
  @ApiProperty({ description: 'false: signed in with an identity not yet linked to a member or staff member' })
  linked!: boolean;
  @ApiPropertyOptional({ enum: ACCESS_ROLES, enumName: 'Role' }) role?: Role;
  @ApiPropertyOptional({ format: 'uuid' }) subjectId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) departmentId?: string;
  @ApiPropertyOptional({ type: [String] }) scopes?: readonly string[];
  @ApiProperty({ description: 'Send as X-CSRF-Token with every write' }) csrfToken!: string;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
}

export class LogoutDto {
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Where to send the browser to end the session at the identity provider too',
  })
  endSessionUrl!: string | null;
}

export class LinkCodeDto {
  @ApiProperty({ example: 'ABCD-EFGH-JKMN', description: 'Shown once; valid 14 days' }) code!: string;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
}
