/** The field: responders on call, dispatch offers and their outcomes, evidence with a chain of custody. */
export * from './responders/index.ts';
export * from './rota/index.ts';
export * from './paging/index.ts';
export * from './dispatch/index.ts';
export * from './evidence/index.ts';
export * from './field.jobs.ts';
