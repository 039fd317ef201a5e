import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { serviceDepsFrom } from '../../../platform/context.ts';
import type { PlatformContext } from '../../../platform/context.ts';
import { parseInput } from '../../../platform/http/validation.ts';
import { createAuthenticator } from '../../identity/index.ts';
import { voicemailAudioParamsSchema, voicemailListParamsSchema } from './voice.contract.ts';
import type { LiveCallList, VoicemailList } from './voice.contract.ts';
import { createVoicemailFiles } from './voicemail-files.ts';
import { listLiveCalls, listVoicemails, openVoicemailAudio } from './voicemail-reads.service.ts';

/** The members' side of the phone line: an incident's voicemails, their audio, and live calls. */
export function registerVoicemailRoutes(app: FastifyInstance, context: PlatformContext): void {
  const deps = { ...serviceDepsFrom(context), files: createVoicemailFiles(context.config.dataDirectory) };
  const authenticator = createAuthenticator(context);

  app.get('/api/incidents/:incidentId/voicemails', async (request) => {
    const principal = await authenticator.requirePrincipal(request);
    const { incidentId } = parseInput(voicemailListParamsSchema, request.params);
    const list: VoicemailList = await listVoicemails(deps, principal, incidentId);
    return list;
  });

  app.get('/api/voicemails/:voicemailId/audio', async (request, reply) => {
    const principal = await authenticator.requirePrincipal(request);
    const { voicemailId } = parseInput(voicemailAudioParamsSchema, request.params);
    const audio = await openVoicemailAudio(deps, principal, voicemailId);
    return reply
      .type(audio.mediaType)
      .header('content-length', String(audio.sizeBytes))
      .header('cache-control', 'no-store')
      .send(Readable.from(audio.chunks));
  });

  app.get('/api/voice/calls', async (request) => {
    const principal = await authenticator.requirePrincipal(request);
    const list: LiveCallList = await listLiveCalls(deps, principal);
    return list;
  });
}
