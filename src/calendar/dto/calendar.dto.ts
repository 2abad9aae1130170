import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { TOKEN_FEED_KINDS, type TokenFeedKind } from '../feed-events.js';

export class CreateFeedLinkBody {
  @ApiProperty({
    enum: TOKEN_FEED_KINDS,
    description: 'Office feeds are public: /calendar/offices/<officeId>.ics needs no link',
  })
  @IsIn(TOKEN_FEED_KINDS)
  kind!: TokenFeedKind;
  @ApiProperty({ format: 'uuid', description: 'The member, staff member or session the feed is for' })
  @IsUUID()
  subjectId!: string;
}

export class ListFeedLinksQuery {
  @ApiPropertyOptional({ enum: TOKEN_FEED_KINDS }) @IsOptional() @IsIn(TOKEN_FEED_KINDS) kind?: TokenFeedKind;
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'With kind: every link of this subject (owners and coordinators)',
  })
  @IsOptional()
  @IsUUID()
  subjectId?: string;
}

const instant = { type: String, format: 'date-time' } as const;

/** A feed link as listed: never its token. */
export class FeedLinkDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: TOKEN_FEED_KINDS, enumName: 'TokenFeedKind' }) kind!: TokenFeedKind;
  @ApiProperty({ format: 'uuid', description: 'The member, staff member or session the feed shows' })
  subjectId!: string;
  @ApiProperty({ enum: ['active', 'revoked'] }) status!: 'active' | 'revoked';
  @ApiProperty(instant) createdAt!: Date;
  @ApiProperty({ ...instant, nullable: true }) rotatedAt!: Date | null;
  @ApiProperty({ ...instant, nullable: true }) revokedAt!: Date | null;
}

/** A feed link when its token is made (create, rotate): the only time its URLs are shown. */
export class IssuedFeedLinkDto extends FeedLinkDto {
  @ApiProperty({ description: 'https URL with the secret token' }) url!: string;
  @ApiProperty({ description: 'The same as webcal://, which calendar apps subscribe to' }) webcalUrl!: string;
}
