import type {
  AreaSwitchAnswer,
  AreaSwitchState,
  StopSwitchAnswer,
  StopSwitchState,
} from '../../../../../server/modules/alerting/alerts/alert.contract.ts';
import type {
  FloodModeAnswer,
  FloodModeState,
  HeldByLimit,
  IntakeFlow,
} from '../../../../../server/modules/intake/flood/flood-mode.contract.ts';
import { get, post, put } from '../../../lib/api.ts';
import { listAlerts } from '../../alerts/api/alerts.ts';

export type { AreaSwitchState, FloodModeState, StopSwitchState };

export interface StopSwitches {
  network: StopSwitchState;
  areas: AreaSwitchState[];
}

/**
 * The network-wide stop switch and every area switch set by hand, as GET /api/alerts reports them
 * (who changed each last, when and why).
 */
export async function getStopSwitches(): Promise<StopSwitches> {
  const { stopSwitch } = await listAlerts();
  return {
    network: {
      isStopped: stopSwitch.isStopped,
      changedBy: stopSwitch.changedBy,
      changedAt: stopSwitch.changedAt,
      reason: stopSwitch.reason,
    },
    areas: stopSwitch.areaSwitches,
  };
}

/** Turning it on holds every approval and delivery; turning it off asks for a fresh second factor. */
export async function setStopSwitch(isStopped: boolean, reason: string): Promise<StopSwitchState> {
  return (await post<StopSwitchAnswer>('/api/alerts/stop-switch', { isStopped, reason })).stopSwitch;
}

/** One area's switch: the same effect as the network's, for alerts in that area only. */
export async function setAreaSwitch(input: {
  areaId: string;
  isStopped: boolean;
  reason: string;
}): Promise<AreaSwitchState> {
  return (await post<AreaSwitchAnswer>('/api/alerts/area-switches', input)).areaSwitch;
}

export async function getFloodMode(): Promise<FloodModeState> {
  return (await get<FloodModeAnswer>('/api/network/flood-mode')).floodMode;
}

/** Reports the intake limits held back lately, minute by minute (dispatchers, coordinators, admins). */
export async function getHeldByLimit(): Promise<HeldByLimit | undefined> {
  return (await get<FloodModeAnswer>('/api/network/flood-mode')).heldByLimit;
}

/** Reports accepted and held per minute in the last quarter hour: flood mode's effect. */
export async function getIntakeFlow(): Promise<IntakeFlow | undefined> {
  return (await get<FloodModeAnswer>('/api/network/flood-mode')).intakeFlow;
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
