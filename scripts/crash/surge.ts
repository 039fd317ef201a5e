import type { CrashWorld } from './world.ts';

/** What one surge saw before its server died. */
export interface SurgeOutcome {
  /** Report ids the server answered 201 for. */
  reports: string[];
  /** Alerts whose approval the server answered 200 for, with the zone index they cover. */
  approvedAlerts: { id: string; zone: number; tag: string }[];
  /** Requests cut off by the kill (no answer): they may or may not have been stored. */
  interrupted: number;
  /** 4xx answers to alert requests (e.g. ALERT_CAP_REACHED), by code. */
  rejected: Record<string, number>;
}

export interface Surge {
  /** Resolves at the first acknowledged report. */
  firstAcknowledgement: Promise<void>;
  /** Resolves at the first acknowledged alert approval (never, if none is approved). */
  firstApproval: Promise<void>;
  stop(): Promise<SurgeOutcome>;
}

/** Budget of alert approvals per zone per run: stays under the per-area hourly cap of 100. */
export const approvalsPerZone = 95;

/** Alerts tried per surge, so the run's budget lasts over every kill. */
export function alertsPerSurge(zones: number, kills: number): number {
  return Math.max(1, Math.min(5, Math.floor((zones * approvalsPerZone) / kills)));
}

/**
 * Drives the running server over HTTP until stopped: `concurrency` loops posting public reports,
 * and one coordinator pair drafting and approving alerts (each on a fresh confirmed incident,
 * tagged in its free text so its texts can be told apart at the fake Twilio).
 */
export function startSurge(
  url: string,
  world: CrashWorld,
  state: { alertAttempts: number[]; nextTag: number },
  options: { concurrency: number; alertPauseMs: number; alertsPerSurge: number },
): Surge {
  const outcome: SurgeOutcome = { reports: [], approvedAlerts: [], interrupted: 0, rejected: {} };
  let isStopped = false;
  let acknowledge = (): void => undefined;
  const firstAcknowledgement = new Promise<void>((resolve, reject) => {
    acknowledge = resolve;
    setTimeout(() => reject(new Error('no report was acknowledged within 30 s')), 30_000).unref();
  });
  let approve = (): void => undefined;
  const firstApproval = new Promise<void>((resolve) => (approve = resolve));
  const post = async (
    path: string,
    body: unknown,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; json: Record<string, unknown> } | null> => {
    try {
      const response = await fetch(`${url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(15_000),
      });
      const text = await response.text();
      if (response.status >= 500) throw new ServerError(`${path}: ${response.status} ${text.slice(0, 300)}`);
      return { status: response.status, json: JSON.parse(text) as Record<string, unknown> };
    } catch (error) {
      if (error instanceof ServerError) throw error;
      // The connection died with the server: no answer, no promise made.
      outcome.interrupted += 1;
      return null;
    }
  };
  const reject = (json: Record<string, unknown>): void => {
    const code = (json.error as { code?: string } | undefined)?.code ?? 'unknown';
    outcome.rejected[code] = (outcome.rejected[code] ?? 0) + 1;
  };

  const reporter = async (): Promise<void> => {
    while (!isStopped) {
      const answer = await post(`/api/public/${world.slug}/reports`, randomReport());
      if (!answer) return;
      if (answer.status === 201) {
        outcome.reports.push(answer.json.reportId as string);
        acknowledge();
      }
    }
  };
  const alerter = async (): Promise<void> => {
    for (let attempt = 0; !isStopped && attempt < options.alertsPerSurge; attempt += 1) {
      const zone = pickZone(state.alertAttempts);
      if (zone === null) return;
      const incidentId = world.zones[zone]?.incidents[state.alertAttempts[zone] ?? 0];
      if (!incidentId) return;
      // Counted before the request: an approval cut off by the kill may still count against the cap.
      state.alertAttempts[zone] = (state.alertAttempts[zone] ?? 0) + 1;
      const tag = `CR${(state.nextTag += 1)}X`;
      const draft = await post(
        '/api/alerts',
        { incidentId, freeText: { en: `crash drill ${tag}` }, radiusMeters: 1000 },
        world.drafter,
      );
      if (!draft) return;
      if (draft.status !== 201) {
        reject(draft.json);
        continue;
      }
      const { id: alertId, contentHash } = draft.json.alert as { id: string; contentHash: string };
      // The approval names the frozen content's hash (the same one the approver's preview shows).
      const approval = await post(`/api/alerts/${alertId}/approve`, { contentHash }, world.approver);
      if (!approval) return;
      if (approval.status === 200) {
        outcome.approvedAlerts.push({ id: alertId, zone, tag });
        approve();
      } else reject(approval.json);
      await new Promise((resolve) => setTimeout(resolve, options.alertPauseMs));
    }
  };

  const loops = [...Array.from({ length: options.concurrency }, () => reporter()), alerter()];
  return {
    firstAcknowledgement,
    firstApproval,
    stop: async () => {
      isStopped = true;
      await Promise.all(loops);
      return outcome;
    },
  };
}

class ServerError extends Error {
  override name = 'ServerError';
}

/** The zone with the fewest approval attempts that still has budget, or null. */
function pickZone(attempts: number[]): number | null {
  let best: number | null = null;
  attempts.forEach((count, index) => {
    if (count < approvalsPerZone && (best === null || count < (attempts[best] ?? 0))) best = index;
  });
  return best;
}

const categories = ['home', 'workplace', 'street_stop', 'checkpoint', 'courthouse', 'transport', 'other'];

/** Reports scattered over a few kilometres, so some cluster into shared incidents and some do not. */
function randomReport(): Record<string, unknown> {
  return {
    category: categories[Math.floor(Math.random() * categories.length)],
    location: { lat: 41.85 + Math.random() * 0.03, lon: -87.68 + Math.random() * 0.03 },
    description: `crash test ${Math.random().toString(36).slice(2)}`,
  };
}
