import { get, post } from '../../../lib/api.ts';
import type {
  IncidentDetail,
  IncidentStatus,
  OperatorReportBody,
  OperatorReportReceipt,
  PlacedIncident,
  PresentedIncident,
  QueuePage,
  SplitAnswer,
} from './types.ts';

/** The open queue (every active incident the member's areas cover), as the server orders it. */
export async function listActiveIncidents(): Promise<PresentedIncident[]> {
  const page = await get<QueuePage>('/api/incidents?status=active&limit=100');
  return page.incidents;
}

export function getIncident(incidentId: string): Promise<IncidentDetail> {
  return get<IncidentDetail>(`/api/incidents/${incidentId}`);
}

/** Claims an incident; `takeOver` takes it from another dispatcher (audited, naming them). */
export function claimIncident(incidentId: string, options: { takeOver?: boolean } = {}): Promise<unknown> {
  return post(`/api/incidents/${incidentId}/claim`, options.takeOver ? { takeOver: true } : {});
}

/** Gives up one's own claim, so another dispatcher can pick the incident up. */
export function releaseIncident(incidentId: string): Promise<unknown> {
  return post(`/api/incidents/${incidentId}/release`, {});
}

export function changeIncidentStatus(incidentId: string, status: IncidentStatus): Promise<unknown> {
  return post(`/api/incidents/${incidentId}/status`, { status });
}

/** Moves the chosen reports into a new incident; answers with the new incident's id. */
export async function splitIncident(incidentId: string, reportIds: string[]): Promise<string> {
  const answer = await post<SplitAnswer>(`/api/incidents/${incidentId}/split`, { reportIds });
  return answer.newIncident.id;
}

/** Merges `incidentId` into `intoIncidentId`: its reports move there and it closes as merged. */
export function mergeIncident(incidentId: string, intoIncidentId: string): Promise<unknown> {
  return post(`/api/incidents/${incidentId}/merge`, { intoIncidentId });
}

/** A hotline operator's report of a phone call; answers with the incident it joined or opened. */
export async function submitOperatorReport(report: Omit<OperatorReportBody, 'channel'>): Promise<string> {
  const body: OperatorReportBody = { channel: 'operator', ...report };
  const stored = await post<OperatorReportReceipt>('/api/reports', body);
  return stored.incidentId;
}

/** Withholds the incident from every public page (coordinators, with step-up). */
export function withholdIncident(incidentId: string, reason: string): Promise<unknown> {
  return post(`/api/incidents/${incidentId}/withhold`, { reason });
}

/** Lets the public pages show a withheld incident again (coordinators, with step-up). */
export function publishIncidentAgain(incidentId: string): Promise<unknown> {
  return post(`/api/incidents/${incidentId}/publish`, {});
}

/** Places (or corrects) an incident's location; it may then join an incident already there. */
export function placeIncident(
  incidentId: string,
  point: { lat: number; lon: number },
): Promise<PlacedIncident> {
  return post<PlacedIncident>(`/api/incidents/${incidentId}/location`, point);
}
