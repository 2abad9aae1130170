import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Patch, Post, Put, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal } from '../../common/auth/auth.decorators.js';
import type { Principal } from '../../common/auth/principal.js';
import { DomainError, notFound } from '../../common/errors/domain-error.js';
import { ParseIdPipe } from '../../common/validation/parse-id.pipe.js';
import { UpdateDepartmentBody } from '../dto/organisation.dto.js';
import {
  DepartmentDetailDto,
  OrganisationDocumentDto,
  OrganisationImportResultDto,
  OrganisationOfficeDto,
} from '../dto/organisation-response.dto.js';
import { ORGANISATION_SECTIONS, type OrganisationSection } from './organisation-format.js';
import { OrganisationService } from './organisation.service.js';

const uuid = new ParseIdPipe();

function section(value: string): OrganisationSection {
  if (!(ORGANISATION_SECTIONS as readonly string[]).includes(value))
    throw notFound(`organisation section "${value}" (use ${ORGANISATION_SECTIONS.join(', ')})`);
  return value as OrganisationSection;
}

function requireType(contentType: string | undefined, pattern: RegExp, what: string): void {
  if (!pattern.test(contentType ?? '')) throw new DomainError('UNSUPPORTED_MEDIA_TYPE', `Send ${what}.`);
}

const OFFICE_EXAMPLE = {
  code: 'vejle',
  name: 'Metal Vejle',
  kind: 'main',
  departmentCode: 'trekanten',
  town: 'Vejle',
  municipalityCode: '0630',
  lat: 55.7093,
  lon: 9.5357,
  island: null,
  street: 'Dæmningen 12',
  postcode: '7100',
  city: 'Vejle',
  rooms: [{ name: 'Mødelokale 1', seats: 6 }],
  openingHours: [{ weekday: 1, opens: '08:00', closes: '16:00' }],
};

@ApiTags('organisation')
@ApiBearerAuth()
@Controller('api')
export class OrganisationController {
  constructor(@Inject(OrganisationService) private readonly organisation: OrganisationService) {}

  @Get('organisation')
  @ApiOperation({
    summary:
      'Export departments, offices (with rooms and opening hours) and staff as one JSON document, the form POST reads',
  })
  @ApiOkResponse({ type: OrganisationDocumentDto })
  exportJson(): Promise<OrganisationDocumentDto> {
    return this.organisation.exportJson();
  }

  @Post('organisation')
  @HttpCode(200)
  @ApiBody({
    schema: {
      type: 'object',
      example: { departments: [{ code: 'trekanten', name: 'Metal Trekanten' }], offices: [OFFICE_EXAMPLE], staff: [] },
    },
  })
  @ApiOperation({
    summary:
      'Import (upsert by natural key) a JSON organisation; any error stores nothing and lists every error with its path',
  })
  @ApiOkResponse({ type: OrganisationImportResultDto, description: 'Rows stored per section' })
  importJson(
    @CurrentPrincipal() principal: Principal,
    @Headers('content-type') contentType: string | undefined,
    @Body() body: unknown,
  ): Promise<OrganisationImportResultDto> {
    requireType(contentType, /^application\/json\b/i, 'the organisation as application/json');
    return this.organisation.importJson(principal, body);
  }

  @Get('organisation/:section')
  @ApiProduces('text/csv')
  @ApiOperation({ summary: 'Export one section as CSV: departments, offices, rooms, opening-hours or staff' })
  @ApiOkResponse({
    description: 'The section as CSV (attachment)',
    schema: { type: 'string', example: 'code,name\ntrekanten,Metal Trekanten' },
  })
  async exportCsv(@Param('section') name: string, @Res({ passthrough: true }) response: Response): Promise<string> {
    const csv = await this.organisation.exportCsv(section(name));
    response.type('text/csv; charset=utf-8');
    response.setHeader('Content-Disposition', `attachment; filename="${name}.csv"`);
    return csv;
  }

  @Post('organisation/:section')
  @HttpCode(200)
  @ApiConsumes('text/csv')
  @ApiBody({ schema: { type: 'string', example: 'code,name\ntrekanten,Metal Trekanten' } })
  @ApiOperation({
    summary:
      'Import one section as CSV (upsert by natural key); any error stores nothing and lists every error with line and column',
  })
  @ApiOkResponse({ type: OrganisationImportResultDto, description: 'Rows stored per section' })
  importCsv(
    @CurrentPrincipal() principal: Principal,
    @Param('section') name: string,
    @Headers('content-type') contentType: string | undefined,
    @Body() body: unknown,
  ): Promise<OrganisationImportResultDto> {
    const which = section(name);
    requireType(contentType, /^text\/(csv|plain)\b/i, 'the section as text/csv');
    return this.organisation.importCsv(principal, which, body);
  }

  @Post('departments')
  @ApiBody({ schema: { type: 'object', example: { code: 'trekanten', name: 'Metal Trekanten' } } })
  @ApiOperation({ summary: 'Create a department (audited)' })
  @ApiCreatedResponse({ type: DepartmentDetailDto })
  createDepartment(@CurrentPrincipal() principal: Principal, @Body() body: unknown): Promise<DepartmentDetailDto> {
    return this.organisation.createDepartment(principal, body);
  }

  @Patch('departments/:id')
  @ApiOperation({
    summary: 'Rename or (de)activate a department (audited); one with active offices cannot be deactivated',
  })
  @ApiOkResponse({ type: DepartmentDetailDto })
  updateDepartment(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuid) id: string,
    @Body() body: UpdateDepartmentBody,
  ): Promise<DepartmentDetailDto> {
    return this.organisation.updateDepartment(principal, id, body);
  }

  @Post('offices')
  @ApiBody({ schema: { type: 'object', example: OFFICE_EXAMPLE } })
  @ApiOperation({
    summary: 'Create an office with rooms and opening hours (audited); office coordinators only in their department',
  })
  @ApiCreatedResponse({ type: OrganisationOfficeDto })
  createOffice(@CurrentPrincipal() principal: Principal, @Body() body: unknown): Promise<OrganisationOfficeDto> {
    return this.organisation.createOffice(principal, body);
  }

  @Patch('offices/:id')
  @ApiBody({ schema: { type: 'object', example: { name: 'Metal Vejle Centrum', active: false } } })
  @ApiOperation({
    summary: 'Change an office’s fields or deactivate it with active: false (audited); the code never changes',
  })
  @ApiOkResponse({ type: OrganisationOfficeDto })
  updateOffice(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuid) id: string,
    @Body() body: unknown,
  ): Promise<OrganisationOfficeDto> {
    return this.organisation.updateOffice(principal, id, body);
  }

  @Put('offices/:id/rooms')
  @ApiBody({ schema: { type: 'object', example: { rooms: [{ name: 'Mødelokale 1', seats: 6 }] } } })
  @ApiOperation({ summary: 'Replace the office’s rooms (audited); a room with sessions cannot be removed' })
  @ApiOkResponse({ type: OrganisationOfficeDto })
  replaceRooms(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuid) id: string,
    @Body() body: unknown,
  ): Promise<OrganisationOfficeDto> {
    return this.organisation.replaceRooms(principal, id, body);
  }

  @Put('offices/:id/opening-hours')
  @ApiBody({ schema: { type: 'object', example: { openingHours: [{ weekday: 1, opens: '08:00', closes: '16:00' }] } } })
  @ApiOperation({ summary: 'Replace the office’s opening hours (audited)' })
  @ApiOkResponse({ type: OrganisationOfficeDto })
  replaceOpeningHours(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuid) id: string,
    @Body() body: unknown,
  ): Promise<OrganisationOfficeDto> {
    return this.organisation.replaceOpeningHours(principal, id, body);
  }
}
