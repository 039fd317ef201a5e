import type { PurgeTask } from '../../../platform/retention/index.ts';
import { sumOverNetworks } from '../../identity/index.ts';
import { deleteExpiredCalls, deleteVoicemailsCreatedBefore } from './voice.repository.ts';

const dayMs = 24 * 60 * 60 * 1000;

/**
 * The phone line keeps calls a day (the callbacks about a call come within minutes), and a
 * voicemail as long as intake keeps the report's text (`reportTextRetentionDays`): its file key
 * goes (the only copy, so the encrypted file is unreadable from then on), and the row too once
 * Twilio's copy is deleted (docs/adr/0035).
 */
export const voicePurgeTasks: readonly PurgeTask[] = [
  {
    name: 'phone calls after a day',
    tables: ['voice_calls'],
    run: (deps) => deleteExpiredCalls(deps.db, deps.clock.now()),
  },
  {
    name: 'voicemails older than the network retention of report text (default 30 days)',
    tables: ['voicemails'],
    run: (deps) =>
      sumOverNetworks(deps.db, (networkId, settings) =>
        deleteVoicemailsCreatedBefore(deps.db, {
          networkId,
          createdBefore: deps.clock.now() - settings.reportTextRetentionDays * dayMs,
        }),
      ),
  },
];
