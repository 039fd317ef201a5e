import type { PlatformContext, ServiceDeps } from '../../../platform/context.ts';
import type { JobWaker } from '../../../platform/jobs/index.ts';
import { findNetworkById } from '../../identity/index.ts';
import type { Network } from '../../identity/index.ts';
import { intakeGuardFor } from '../../intake/index.ts';
import type { IntakeGuard } from '../../intake/index.ts';
import { createHotlineDirectory } from '../sms/hotline-numbers.ts';
import type { HotlineDirectory } from '../sms/hotline-numbers.ts';
import { voiceUrlsFor } from './voice-twiml.ts';
import type { VoiceUrls } from './voice-twiml.ts';

export interface VoiceDeps extends ServiceDeps {
  jobs: JobWaker;
  directory: HotlineDirectory;
  guard: IntakeGuard;
  urls: VoiceUrls;
  networkOf(networkId: string): Promise<Network | null>;
  /** How long the operators' phones ring before the caller is offered voicemail. */
  ringSeconds: number;
  voicemailMaxSeconds: number;
}

export function voiceDepsFrom(context: PlatformContext): VoiceDeps {
  const db = context.database.db;
  return {
    db,
    dialect: context.database.dialect,
    clock: context.clock,
    crypto: context.crypto,
    events: context.events,
    jobs: context.jobs,
    directory: createHotlineDirectory({ db, clock: context.clock }),
    guard: intakeGuardFor(context),
    urls: voiceUrlsFor(context.config.publicUrl),
    networkOf: (networkId) => findNetworkById(db, networkId),
    ringSeconds: context.config.voice.ringSeconds,
    voicemailMaxSeconds: context.config.voice.voicemailMaxSeconds,
  };
}
