import { Body, Controller, Get, Inject, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../common/auth/auth.decorators.js';
import type { Principal } from '../common/auth/principal.js';
import { ParseIdPipe } from '../common/validation/parse-id.pipe.js';
import {
  ClosuresQuery,
  CreateAbsenceBody,
  CreateStaffBody,
  ListDepartmentsQuery,
  ListMunicipalitiesQuery,
  ListOfficesQuery,
  ListStaffQuery,
  ReplaceClosuresBody,
  UpdateStaffBody,
} from './dto/locations.dto.js';
import {
  AbsenceDto,
  ClosuresDto,
  DepartmentDto,
  MunicipalityDto,
  OfficeDetailDto,
  OfficeDto,
  StaffDto,
} from './dto/locations-response.dto.js';
import { LocationsService } from './locations.service.js';
import { Clock } from '../shared/time/clock.js';

const uuid = new ParseIdPipe();

@ApiTags('locations')
@ApiBearerAuth()
@Controller('api')
export class LocationsController {
  constructor(
    @Inject(LocationsService) private readonly locations: LocationsService,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  @Get('departments')
  @ApiOperation({
    summary: 'The fund’s local departments with their number of offices (inactive ones with includeInactive=true)',
  })
  @ApiOkResponse({ type: [DepartmentDto] })
  listDepartments(@Query() query: ListDepartmentsQuery): Promise<DepartmentDto[]> {
    return this.locations.listDepartments(query);
  }

  @Get('offices')
  @ApiOperation({
    summary:
      'Active offices, filtered by department, kind or distance (near=lat,lon&radiusKm=); includeInactive=true for all',
  })
  @ApiOkResponse({ type: [OfficeDto] })
  listOffices(@Query() query: ListOfficesQuery): Promise<OfficeDto[]> {
    return this.locations.listOffices(query);
  }

  @Get('offices/:id')
  @ApiOperation({ summary: 'One office with rooms and opening hours' })
  @ApiOkResponse({ type: OfficeDetailDto })
  getOffice(@Param('id', uuid) id: string): Promise<OfficeDetailDto> {
    return this.locations.getOffice(id);
  }

  @Get('offices/:id/closures')
  @ApiOperation({ summary: 'Public holidays and the office’s closure days in a year' })
  @ApiOkResponse({ type: ClosuresDto })
  getClosures(@Param('id', uuid) id: string, @Query() query: ClosuresQuery): Promise<ClosuresDto> {
    return this.locations.getClosures(id, query.year ?? this.clock.now().getUTCFullYear());
  }

  @Put('offices/:id/closures')
  @ApiOperation({ summary: 'Replace the office’s closure days for one year' })
  @ApiOkResponse({ type: ClosuresDto })
  replaceClosures(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuid) id: string,
    @Body() body: ReplaceClosuresBody,
  ): Promise<ClosuresDto> {
    return this.locations.replaceClosures(principal, id, body.year, body.days);
  }

  @Get('municipalities')
  @ApiOperation({ summary: 'The 98 municipalities with region and contact-course scope' })
  @ApiOkResponse({ type: [MunicipalityDto] })
  listMunicipalities(@Query() query: ListMunicipalitiesQuery): Promise<MunicipalityDto[]> {
    return this.locations.listMunicipalities(query);
  }

  @Get('staff')
  @ApiOperation({
    summary: 'Staff in the caller’s scope (own department and the job team; everyone for central coordinators)',
  })
  @ApiOkResponse({ type: [StaffDto] })
  listStaff(@CurrentPrincipal() principal: Principal, @Query() query: ListStaffQuery): Promise<StaffDto[]> {
    return this.locations.listStaff(principal, query);
  }

  @Get('staff/:id')
  @ApiOkResponse({ type: StaffDto })
  getStaff(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string): Promise<StaffDto> {
    return this.locations.getStaff(principal, id);
  }

  @Post('staff')
  @ApiOperation({ summary: 'Add a staff member' })
  @ApiCreatedResponse({ type: StaffDto })
  createStaff(@CurrentPrincipal() principal: Principal, @Body() body: CreateStaffBody): Promise<StaffDto> {
    return this.locations.createStaff(principal, body);
  }

  @Patch('staff/:id')
  @ApiOkResponse({ type: StaffDto })
  updateStaff(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuid) id: string,
    @Body() body: UpdateStaffBody,
  ): Promise<StaffDto> {
    return this.locations.updateStaff(principal, id, body);
  }

  @Get('staff/:id/absences')
  @ApiOkResponse({ type: [AbsenceDto] })
  listAbsences(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string): Promise<AbsenceDto[]> {
    return this.locations.listAbsences(principal, id);
  }

  @Post('staff/:id/absences')
  @ApiOperation({ summary: 'Register an absence (inclusive dates); overlapping absences are refused' })
  @ApiCreatedResponse({ type: AbsenceDto })
  addAbsence(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuid) id: string,
    @Body() body: CreateAbsenceBody,
  ): Promise<AbsenceDto> {
    return this.locations.addAbsence(principal, id, body);
  }
}
