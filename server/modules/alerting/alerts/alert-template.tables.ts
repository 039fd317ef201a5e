import type { ProposalState } from './alert-template.contract.ts';

// The states are in the contract (the members' app shows them); re-exported for the module's files.
export type { ProposalState } from './alert-template.contract.ts';

/** A change to one template in one or more languages, waiting for a second coordinator. */
export interface AlertTemplateProposalsTable {
  id: string;
  network_id: string;
  template_key: string;
  /** JSON object language → proposed body, or null to restore the shipped text. */
  texts: string;
  /** JSON object language → version active when proposed (null: the shipped text). */
  base_versions: string;
  state: ProposalState;
  proposed_by: string;
  proposed_at: number;
  decided_by: string | null;
  decided_at: number | null;
}

declare module '../../../platform/database/schema.ts' {
  interface Database {
    alert_template_proposals: AlertTemplateProposalsTable;
  }
}
