export interface JobsTable {
  id: string;
  name: string;
  payload: string;
  idempotency_key: string | null;
  status: 'pending' | 'running' | 'done' | 'dead';
  run_at: number;
  attempts: number;
  max_attempts: number;
  locked_by: string | null;
  locked_until: number | null;
  last_error: string | null;
  created_at: number;
  finished_at: number | null;
}

export interface JobEffectsTable {
  key: string;
  job_id: string | null;
  created_at: number;
}

declare module '../database/schema.ts' {
  interface Database {
    jobs: JobsTable;
    job_effects: JobEffectsTable;
  }
}
