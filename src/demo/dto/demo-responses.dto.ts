import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PrincipalDto } from '../../common/auth/dto/principal.dto.js';
import { DEMO_STAGES, type DemoStage } from '../demo-people.repository.js';

export class DemoTokenDto {
  @ApiProperty({ description: 'Bearer token' }) token!: string;
  @ApiProperty({ description: 'Seconds' }) expiresIn!: number;
  @ApiProperty({ type: () => PrincipalDto }) principal!: PrincipalDto;
}

export class DemoPersonDto {
  @ApiProperty({ format: 'uuid', description: 'Member id or staff id' }) subjectId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'Member number or employee number' }) reference!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) departmentId!: string | null;
  @ApiProperty({ type: String, nullable: true }) departmentName!: string | null;
  @ApiProperty({ type: String, nullable: true }) officeName!: string | null;
  @ApiPropertyOptional({
    enum: DEMO_STAGES,
    enumName: 'DemoStage',
    nullable: true,
    description: 'Members: the stage of the programme they show (null: one of the newest members)',
  })
  stage?: DemoStage | null;
}

export class SignInOptionsDto {
  @ApiProperty({ description: 'Demo sign-in (pick a person) is on' }) demoMode!: boolean;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Where sign-in with the identity provider starts; null when none is configured',
  })
  identityProviderUrl!: string | null;
}
