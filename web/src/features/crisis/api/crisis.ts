import type {
  StopSwitchAnswer,
  StopSwitchState,
} from '../../../../../server/modules/alerting/alerts/alert.contract.ts';
import type {
  FloodModeAnswer,
  FloodModeState,
  HeldByLimit,
} from '../../../../../server/modules/intake/flood/flood-mode.contract.ts';
import { get, post, put } from '../../../lib/api.ts';
import { listAlerts } from '../../alerts/api/alerts.ts';

export type { FloodModeState, StopSwitchState };

/** The network-wide stop switch, as GET /api/alerts reports it (who set it last and when). */
export async function getStopSwitch(): Promise<StopSwitchState> {
  const { stopSwitch } = await listAlerts();
  return {
    isStopped: stopSwitch.isStopped,
    changedBy: stopSwitch.changedBy,
    changedAt: stopSwitch.changedAt,
  };
}

/** Turning it on holds every approval and delivery; turning it off asks for a fresh second factor. */
export async function setStopSwitch(isStopped: boolean): Promise<StopSwitchState> {
  return (await post<StopSwitchAnswer>('/api/alerts/stop-switch', { isStopped })).stopSwitch;
}

export async function getFloodMode(): Promise<FloodModeState> {
  return (await get<FloodModeAnswer>('/api/network/flood-mode')).floodMode;
}

/** Reports the intake limits held back lately, minute by minute (dispatchers, coordinators, admins). */
export async function getHeldByLimit(): Promise<HeldByLimit | undefined> {
  return (await get<FloodModeAnswer>('/api/network/flood-mode')).heldByLimit;
}

export async function setFloodMode(isOn: boolean): Promise<FloodModeState> {
  return (await post<FloodModeAnswer>('/api/network/flood-mode', { isOn })).floodMode;
}

/** Drills reach only exercise recipients: a subscriber found by phone or email is marked or unmarked. */
export function setSubscriberExerciseRecipient(input: {
  channel: 'sms' | 'email';
  contact: string;
  isExerciseRecipient: boolean;
}): Promise<{ isFound: boolean }> {
  return put<{ isFound: boolean }>('/api/subscribers/exercise-recipient', input);
}
