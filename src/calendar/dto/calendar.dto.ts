import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { TOKEN_FEED_KINDS, type TokenFeedKind } from '../feed-events.js';

export class CreateFeedLinkBody {
  @ApiProperty({ enum: TOKEN_FEED_KINDS, description: 'Office feeds are public: /calendar/offices/<officeId>.ics needs no link' })
  @IsIn(TOKEN_FEED_KINDS)
  kind!: TokenFeedKind;
  @ApiProperty({ format: 'uuid', description: 'The member, staff member or session the feed is for' })
  @IsUUID()
  subjectId!: string;
}

export class ListFeedLinksQuery {
  @ApiPropertyOptional({ enum: TOKEN_FEED_KINDS }) @IsOptional() @IsIn(TOKEN_FEED_KINDS) kind?: TokenFeedKind;
  @ApiPropertyOptional({ format: 'uuid', description: 'With kind: every link of this subject (owners and coordinators)' })
  @IsOptional()
  @IsUUID()
  subjectId?: string;
}
