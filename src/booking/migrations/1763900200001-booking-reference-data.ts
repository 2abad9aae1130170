import type { MigrationInterface, QueryRunner } from 'typeorm';
import { ACTIVITY_CATALOGUE } from '../catalogue/activity-catalogue.js';
import { PROGRAMME_TEMPLATES } from '../catalogue/programme-templates.js';

/**
 * The first version of the activity catalogue and the seven programme templates. Reference data
 * every installation needs, so it ships as a migration of its own (kept apart from schema changes);
 * later versions are made by coordinators, not by migrations.
 */
export class BookingReferenceData1763900200001 implements MigrationInterface {
  name = 'BookingReferenceData1763900200001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `INSERT INTO activity_type (code, name_da, name_en, kind, default_duration_minutes, min_group_size, max_group_size,
         leader_roles, leader_skill, channels, counts_as_job_meeting)
       SELECT code, name_da, name_en, kind, duration, min_size, max_size, leader_roles, leader_skill, channels, job_meeting
       FROM jsonb_to_recordset($1::jsonb) AS r(code text, name_da text, name_en text, kind text, duration int, min_size int,
         max_size int, leader_roles text[], leader_skill text, channels text[], job_meeting boolean)`,
      [
        JSON.stringify(
          ACTIVITY_CATALOGUE.map((a) => ({
            code: a.code,
            name_da: a.nameDa,
            name_en: a.nameEn,
            kind: a.kind,
            duration: a.defaultDurationMinutes,
            min_size: a.minGroupSize,
            max_size: a.maxGroupSize,
            leader_roles: a.leaderRoles,
            leader_skill: a.leaderSkill,
            channels: a.channels,
            job_meeting: a.countsAsJobMeeting,
          })),
        ),
      ],
    );
    for (const template of PROGRAMME_TEMPLATES) {
      const [{ id }] = await db.query(
        `INSERT INTO programme_template (target_group, version, valid_from) VALUES ($1, $2, $3) RETURNING id`,
        [template.targetGroup, template.version, template.validFrom],
      );
      await db.query(
        `INSERT INTO programme_template_item (template_id, position, activity_code, required, from_week, to_week, condition)
         SELECT $1, position, activity_code, required, from_week, to_week, condition
         FROM jsonb_to_recordset($2::jsonb) AS r(position int, activity_code text, required boolean, from_week int, to_week int, condition text)`,
        [
          id,
          JSON.stringify(
            template.items.map((item, index) => ({
              position: index + 1,
              activity_code: item.activityCode,
              required: item.required,
              from_week: item.fromWeek,
              to_week: item.toWeek,
              condition: item.condition,
            })),
          ),
        ],
      );
    }
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DELETE FROM programme_template WHERE version = 1`);
    await db.query(`DELETE FROM activity_type`);
  }
}
