import { get } from '../../../lib/api.ts';
import type { AuditAction, AuditActionList, AuditEntryPage, ChainVerification } from './types.ts';

/** A page of entries matching `query` (filters, and `cursor` for the page before). */
export function listAuditEntries(query: string): Promise<AuditEntryPage> {
  return get<AuditEntryPage>(`/api/audit?${query}`);
}

/** Every action the trail may hold, for the filter: the server's catalogue, never a copy. */
export async function listAuditActions(): Promise<readonly AuditAction[]> {
  return (await get<AuditActionList>('/api/audit/actions')).actions;
}

export function verifyAuditChain(): Promise<ChainVerification> {
  return get<ChainVerification>('/api/audit/verify');
}
