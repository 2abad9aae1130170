import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsString, Length } from 'class-validator';
import { OptionalNotNull } from '../../common/validation/decorators.js';

export class UpdateDepartmentBody {
  @ApiPropertyOptional() @OptionalNotNull() @IsString() @Length(1, 200) name?: string;
  @ApiPropertyOptional({ description: 'false deactivates the department (only when none of its offices is active)' })
  @OptionalNotNull()
  @IsBoolean()
  active?: boolean;
}
