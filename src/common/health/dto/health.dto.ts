import { ApiProperty } from '@nestjs/swagger';

export class AliveDto {
  @ApiProperty({ enum: ['ok'] }) status!: string;
}

export class ReadinessChecksDto {
  @ApiProperty({ enum: ['ok', 'down'] }) postgres!: 'ok' | 'down';
  @ApiProperty({ enum: ['ok', 'down'] }) redis!: 'ok' | 'down';
}

export class ReadinessDto {
  @ApiProperty({ enum: ['ok', 'unavailable'] }) status!: string;
  @ApiProperty({ type: () => ReadinessChecksDto }) checks!: ReadinessChecksDto;
}
