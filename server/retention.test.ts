import { describe, expect, it } from 'vitest';
import { purgeTasks, retentionJobs } from './retention.ts';

describe('the app purge list', () => {
  it('holds every module task once, each naming the tables it deletes from', () => {
    const names = purgeTasks.map((task) => task.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'expired or revoked sessions',
        'used or expired setup links',
        'jobs done over 7 days ago',
        'recovery links used, voided or expired over 7 days ago',
        'flagged reports (weaponized tips) older than 24 hours',
        'SMS conversations idle for 30 minutes',
      ]),
    );
    expect(new Set(names).size).toBe(names.length);
    expect(purgeTasks.every((task) => task.tables.length > 0)).toBe(true);
  });

  it('forgets thread phone hashes only after intake purged the reporters’ contacts', () => {
    const index = (name: string) => purgeTasks.findIndex((task) => task.name.startsWith(name));
    expect(index('reporter contacts of closed incidents')).toBeGreaterThanOrEqual(0);
    expect(index('reporter contacts of closed incidents')).toBeLessThan(index('reporter phone hashes'));
  });

  it('runs the whole list on a schedule', () => {
    expect(retentionJobs.recurring.map((schedule) => [schedule.job.name, schedule.everyMs])).toEqual([
      ['retention.purge', 15 * 60 * 1000],
    ]);
  });
});
