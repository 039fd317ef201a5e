import { describe, expect, it } from 'vitest';
import { checkPurgeTasks } from './index.ts';

describe('purge task lists', () => {
  const task = { name: 'test: closed cases', tables: ['cases'], run: () => Promise.resolve(0) };

  it('takes a list whose tasks each name their tables', () => {
    expect(checkPurgeTasks([task])).toEqual([task]);
    expect(() => checkPurgeTasks([{ ...task, tables: [] }])).toThrow(/names no table/);
  });

  it('refuses a second task with the same name', () => {
    expect(() => checkPurgeTasks([task, { ...task }])).toThrow(/Two purge tasks are named/);
  });
});
