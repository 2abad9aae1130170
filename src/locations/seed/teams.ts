/** Teams every installation has: the roles in the staff model refer to them (job consultants belong to the job team). */
export interface TeamSeed {
  code: string;
  name: string;
  worksAcrossDepartments: boolean;
}

export const TEAMS: readonly TeamSeed[] = [
  { code: 'job-team', name: 'Jobteamet', worksAcrossDepartments: true },
  { code: 'pre-unemployment', name: 'Før-ledighed (JobStarter og SnartUdlært)', worksAcrossDepartments: false },
  { code: 'central', name: 'Hovedkassen – central koordinering', worksAcrossDepartments: true },
];
