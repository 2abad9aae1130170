import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsObject, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { MAX_ENDPOINT_LENGTH } from './push-subscription.js';

export class PushKeysBody {
  @ApiProperty({ description: "The browser's P-256 public key (base64url, 65 bytes uncompressed)" })
  @IsString()
  @MaxLength(200)
  p256dh!: string;
  @ApiProperty({ description: 'The authentication secret (base64url, 16 bytes)' })
  @IsString()
  @MaxLength(100)
  auth!: string;
}

/** `PushSubscription.toJSON()` as the browser gives it (`expirationTime` is accepted and ignored). */
export class PushSubscriptionBody {
  @ApiProperty({ description: 'The push service URL of this browser (https)' })
  @IsString()
  @MaxLength(MAX_ENDPOINT_LENGTH)
  endpoint!: string;

  @ApiProperty({ type: PushKeysBody })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => PushKeysBody)
  keys!: PushKeysBody;

  @ApiProperty({ type: Number, required: false, nullable: true, description: 'Ignored' })
  @IsOptional()
  expirationTime?: unknown;
}

export class PushEndpointBody {
  @ApiProperty({ description: 'The endpoint of the subscription to remove' })
  @IsString()
  @MaxLength(MAX_ENDPOINT_LENGTH)
  endpoint!: string;
}
