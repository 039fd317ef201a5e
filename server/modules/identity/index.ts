/** Identity: networks and their areas, members and roles, sign-in and sessions, the audit log, setup. */
export * from './networks/index.ts';
export * from './members/index.ts';
export * from './auth/index.ts';
export * from './audit/index.ts';
export * from './setup/index.ts';
export * from './identity.jobs.ts';
export * from './operators/index.ts';
