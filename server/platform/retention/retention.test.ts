import { describe, expect, it } from 'vitest';
import { listPurgeTasks, registerPurgeTask } from './index.ts';

describe('purge task registry', () => {
  it('starts with the platform tasks, each naming the tables it deletes from', () => {
    const names = listPurgeTasks().map((task) => task.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'expired or revoked sessions',
        'used or expired setup links',
        'jobs done over 7 days ago',
      ]),
    );
    expect(listPurgeTasks().every((task) => task.tables.length > 0)).toBe(true);
  });

  it('adds a module task once and refuses a second task with the same name', () => {
    const task = { name: 'test: closed cases', tables: ['cases'], run: () => Promise.resolve(0) };
    registerPurgeTask(task);
    expect(listPurgeTasks()).toContain(task);
    expect(() => registerPurgeTask({ ...task })).toThrow(/already registered/);
  });
});
