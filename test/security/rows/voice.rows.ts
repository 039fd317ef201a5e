import type { PlatformContext } from '../../../server/platform/context.ts';
import { buildStoredVoicemail } from '../../hotline/voice-support.ts';
import type { MatrixFixture } from '../matrix-fixture.ts';
import type { RouteRow } from '../route-matrix.ts';
import { freshIncident, incidentWorkers } from './shared.ts';

const twilioSigned =
  "Twilio's voice webhook: X-Twilio-Signature over the public URL (query included) is the credential";

/** A stored voicemail of network A on a fresh incident. */
async function freshVoicemail(fixture: MatrixFixture): Promise<{ voicemailId: string; incidentId: string }> {
  const incident = await freshIncident(fixture);
  const voicemailId = await buildStoredVoicemail(fixture.context as PlatformContext, {
    networkId: fixture.networkA.id,
    incidentId: incident.id,
    reportId: incident.reportIds[0] ?? '',
  });
  fixture.idsOfNetworkA.add(voicemailId);
  return { voicemailId, incidentId: incident.id };
}

/** Authorization matrix rows: the phone line (issue 18). See test/security/route-matrix.ts for the row format. */
export const voiceRows: RouteRow[] = [
  ...[
    '',
    '/language',
    '/choice',
    '/whisper',
    '/accept',
    '/dial-ended',
    '/recorded',
    '/recording',
    '/consent',
    '/status',
  ].map((path): RouteRow => ({
    method: 'POST',
    url: `/webhooks/twilio/voice${path}`,
    public: true,
    note: twilioSigned,
  })),
  {
    method: 'GET',
    url: '/api/incidents/:incidentId/voicemails',
    allow: incidentWorkers,
    request: async (fixture) => ({ params: { incidentId: (await freshVoicemail(fixture)).incidentId } }),
  },
  {
    method: 'GET',
    url: '/api/voicemails/:voicemailId/audio',
    allow: incidentWorkers,
    request: async (fixture) => ({ params: { voicemailId: (await freshVoicemail(fixture)).voicemailId } }),
  },
  { method: 'GET', url: '/api/voice/calls', allow: incidentWorkers, scope: 'own-network' },
];
