import type { FastifyInstance } from 'fastify';
import type { PlatformContext } from '../../../platform/context.ts';
import { serviceDepsFrom } from '../../../platform/context.ts';
import { parseInput } from '../../../platform/http/validation.ts';
import { createAuthenticator } from '../../identity/index.ts';
import {
  coverageQuerySchema,
  createShiftSchema,
  scheduleQuerySchema,
  shiftParamsSchema,
  signUpSchema,
  signupParamsSchema,
  skipDateSchema,
} from './shift.contract.ts';
import { recordWatchAttendance } from './attendance.service.ts';
import { createWatchShift, skipWatchShiftDate } from './shift.service.ts';
import { cancelWatchSignup, signUpForWatch } from './signup.service.ts';
import { getWatchCoverage, getWatchSchedule } from './watch-reads.service.ts';

/** Watch shifts: recurring shifts per site, sign-ups with a waitlist, and the coverage view. */
export function registerWatchShiftRoutes(app: FastifyInstance, context: PlatformContext): void {
  const deps = serviceDepsFrom(context);
  const authenticator = createAuthenticator(context);

  app.post('/api/watch/shifts', async (request, reply) => {
    const principal = await authenticator.requirePrincipal(request);
    const input = parseInput(createShiftSchema, request.body);
    return reply.status(201).send(await createWatchShift(deps, principal, input));
  });

  app.post('/api/watch/shifts/:shiftId/skipped-dates', async (request, reply) => {
    const principal = await authenticator.requirePrincipal(request);
    const { shiftId } = parseInput(shiftParamsSchema, request.params);
    await skipWatchShiftDate(deps, principal, shiftId, parseInput(skipDateSchema, request.body));
    return reply.status(204).send();
  });

  app.get('/api/watch/schedule', async (request) => {
    const principal = await authenticator.requirePrincipal(request);
    return getWatchSchedule(deps, principal, parseInput(scheduleQuerySchema, request.query));
  });

  app.get('/api/watch/coverage', async (request) => {
    const principal = await authenticator.requirePrincipal(request);
    return getWatchCoverage(deps, principal, parseInput(coverageQuerySchema, request.query));
  });

  app.post('/api/watch/signups', async (request, reply) => {
    const principal = await authenticator.requirePrincipal(request);
    const input = parseInput(signUpSchema, request.body);
    return reply.status(201).send(await signUpForWatch(deps, principal, input));
  });

  app.delete('/api/watch/signups/:signupId', async (request, reply) => {
    const principal = await authenticator.requirePrincipal(request);
    const { signupId } = parseInput(signupParamsSchema, request.params);
    await cancelWatchSignup(deps, principal, signupId);
    return reply.status(204).send();
  });

  app.post('/api/watch/signups/:signupId/check-in', async (request) => {
    const principal = await authenticator.requirePrincipal(request);
    const { signupId } = parseInput(signupParamsSchema, request.params);
    return recordWatchAttendance(deps, principal, signupId, 'in');
  });

  app.post('/api/watch/signups/:signupId/check-out', async (request) => {
    const principal = await authenticator.requirePrincipal(request);
    const { signupId } = parseInput(signupParamsSchema, request.params);
    return recordWatchAttendance(deps, principal, signupId, 'out');
  });
}
