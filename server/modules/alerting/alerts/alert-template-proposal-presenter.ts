import { diffWordsWithSpace } from 'diff';
import type { Network } from '../../identity/index.ts';
import type { AlertDeps } from './alert.deps.ts';
import { sampleRendering } from './alert-template.service.ts';
import type { PresentedProposal } from './alert-template.contract.ts';
import type { AlertTemplateProposalsTable } from './alert-template.tables.ts';
import { defaultTemplateBody, isTemplateKey } from './alert-templates.ts';
import type { TemplateKey } from './alert-templates.ts';

export type { PresentedProposal } from './alert-template.contract.ts';

/** What a language looked like when the change was proposed: its version token and its text. */
export interface Base {
  version: string;
  body: string;
}

/** A proposal as the approver's screen needs it: per language, both texts and their word diff. */
export function presentProposal(
  deps: Pick<AlertDeps, 'clock' | 'publicUrl'>,
  network: Network,
  row: AlertTemplateProposalsTable,
): PresentedProposal {
  const key: TemplateKey = isTemplateKey(row.template_key) ? row.template_key : 'alert.other';
  const bases = parseRecord<Base>(row.base_versions);
  const languages = Object.entries(parseRecord<string | null>(row.texts)).map(([language, body]) => {
    const proposed = body ?? defaultTemplateBody(language, key);
    const current = bases[language] ?? { version: 'default', body: defaultTemplateBody(language, key) };
    const sample = sampleRendering(deps, network, { key, language, body: proposed });
    const currentSample = sampleRendering(deps, network, { key, language, body: current.body });
    return {
      language,
      current: {
        ...current,
        smsSegments: currentSample.smsSegments,
        smsEncoding: currentSample.smsEncoding,
      },
      proposed: {
        body: proposed,
        isDefault: body === null,
        smsSegments: sample.smsSegments,
        smsEncoding: sample.smsEncoding,
      },
      diff: diffWordsWithSpace(current.body, proposed).map((part) => ({
        kind: part.added ? ('added' as const) : part.removed ? ('removed' as const) : ('same' as const),
        text: part.value,
      })),
    };
  });
  return {
    id: row.id,
    key,
    state: row.state,
    proposedBy: row.proposed_by,
    proposedAt: row.proposed_at,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at,
    languages,
  };
}

export function parseRecord<T>(stored: string): Record<string, T> {
  try {
    const value: unknown = JSON.parse(stored);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, T>) : {};
  } catch {
    return {};
  }
}
