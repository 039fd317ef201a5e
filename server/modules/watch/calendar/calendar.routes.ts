import type { FastifyInstance } from 'fastify';
import type { PlatformContext } from '../../../platform/context.ts';
import { serviceDepsFrom } from '../../../platform/context.ts';
import { parseInput } from '../../../platform/http/validation.ts';
import { createAuthenticator } from '../../identity/index.ts';
import { calendarFeedParamsSchema, signupEventParamsSchema } from './calendar.contract.ts';
import {
  createCalendarFeed,
  getCalendarFeed,
  renderCalendarFeed,
  renderSignupEvent,
  revokeCalendarFeed,
} from './calendar.service.ts';

const calendarType = 'text/calendar; charset=utf-8';

/** A member's private iCalendar feed of their watch shifts, and one shift as an .ics download. */
export function registerWatchCalendarRoutes(app: FastifyInstance, context: PlatformContext): void {
  const deps = { ...serviceDepsFrom(context), publicUrl: context.config.publicUrl };
  const authenticator = createAuthenticator(context);

  app.get('/api/watch/calendar-feed', async (request) => {
    const principal = await authenticator.requirePrincipal(request);
    return getCalendarFeed(deps, principal);
  });

  app.post('/api/watch/calendar-feed', async (request, reply) => {
    const principal = await authenticator.requirePrincipal(request);
    return reply.status(201).send(await createCalendarFeed(deps, principal));
  });

  app.delete('/api/watch/calendar-feed', async (request, reply) => {
    const principal = await authenticator.requirePrincipal(request);
    await revokeCalendarFeed(deps, principal);
    return reply.status(204).send();
  });

  // A capability URL: calendar apps fetch it without a session.
  app.get('/watch/calendar/:token', async (request, reply) => {
    const { token } = parseInput(calendarFeedParamsSchema, request.params);
    return reply.type(calendarType).send(await renderCalendarFeed(deps, token));
  });

  app.get('/api/watch/signups/:signupId/event.ics', async (request, reply) => {
    const principal = await authenticator.requirePrincipal(request);
    const { signupId } = parseInput(signupEventParamsSchema, request.params);
    const body = await renderSignupEvent(deps, principal, signupId);
    return reply
      .type(calendarType)
      .header('content-disposition', 'attachment; filename="watch-shift.ics"')
      .send(body);
  });
}
