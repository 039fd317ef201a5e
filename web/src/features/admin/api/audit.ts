import { get } from '../../../lib/api.ts';
import type { AuditPage, Verification } from './types.ts';

/** A page of entries matching `query` (filters, and `cursor` for the page before). */
export function listAuditEntries(query: string): Promise<AuditPage> {
  return get<AuditPage>(`/api/audit?${query}`);
}

export function verifyAuditChain(): Promise<Verification> {
  return get<Verification>('/api/audit/verify');
}
