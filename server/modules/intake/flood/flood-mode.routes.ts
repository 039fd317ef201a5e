import type { FastifyInstance } from 'fastify';
import { serviceDepsFrom } from '../../../platform/context.ts';
import type { PlatformContext } from '../../../platform/context.ts';
import { floodModeSchema } from './flood-mode.contract.ts';
import type { FloodModeAnswer } from './flood-mode.contract.ts';
import { parseInput } from '../../../platform/http/validation.ts';
import { createAuthenticator } from '../../identity/index.ts';
import { getFloodMode, setFloodMode } from './flood-mode.service.ts';
import type { FloodModeDeps } from './flood-mode.service.ts';
import { readHeldByLimit, readIntakeFlow } from './held-by-limit.ts';
import { intakeGuardFor } from './intake-guard.ts';

/** The dispatcher's flood-mode switch. */
export function registerFloodModeRoutes(app: FastifyInstance, context: PlatformContext): void {
  const guard = intakeGuardFor(context);
  const deps: FloodModeDeps = {
    ...serviceDepsFrom(context),
    onChanged: (networkId, isOn) => guard.noteFloodMode(networkId, isOn),
  };
  const authenticator = createAuthenticator(context);

  app.get('/api/network/flood-mode', async (request) => {
    const principal = await authenticator.requirePrincipal(request);
    const floodMode = await getFloodMode(deps, principal);
    const now = deps.clock.now();
    const heldByLimit = await readHeldByLimit(deps.db, principal.networkId, now);
    const intakeFlow = await readIntakeFlow(deps.db, principal.networkId, now, heldByLimit);
    return { floodMode, heldByLimit, intakeFlow } satisfies FloodModeAnswer;
  });

  app.post('/api/network/flood-mode', async (request) => {
    const principal = await authenticator.requirePrincipal(request);
    const { isOn } = parseInput(floodModeSchema, request.body);
    return { floodMode: await setFloodMode(deps, principal, isOn) } satisfies FloodModeAnswer;
  });
}
