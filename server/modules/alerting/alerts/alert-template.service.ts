import { requireRole, requireSecondFactorEnrolled } from '../../identity/index.ts';
import type { Principal } from '../../identity/index.ts';
import type { Role } from '../../identity/index.ts';
import type { Network } from '../../identity/index.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import type { AlertDeps } from './alert.deps.ts';
import { requireNetwork } from './alert-drafting.service.ts';
import { alertReaders } from './alert.policy.ts';
import { renderAlertMessages } from './alert-rendering.ts';
import { listTemplateOverrides } from './alert-template.repository.ts';
import type {
  PresentedTemplate,
  TemplateKey,
  TemplateList,
  TemplatePreview,
  TemplatePreviewInput,
} from './alert-template.contract.ts';
import type { AlertTemplatesTable } from './alert.tables.ts';
import {
  defaultTemplateBody,
  maxTemplateLength,
  templateKeys,
  templatePlaceholders,
  validateTemplateBody,
} from './alert-templates.ts';
import { countSmsSegments } from './sms-segments.ts';

/**
 * Who proposes changes to the network's templates: an admin or a coordinator for the whole
 * network. An area-limited grant does not reach text that every area's subscribers receive.
 */
export const templateEditors: readonly Role[] = ['admin', 'coordinator'];
/** Who approves a proposed change (the second person): a coordinator for the whole network. */
export const templateApprovers: readonly Role[] = ['coordinator'];

export type { PresentedTemplate, TemplatePreview } from './alert-template.contract.ts';

/** Every template in every network language: the network's active version where one exists, else the default. */
export async function listTemplates(deps: AlertDeps, principal: Principal): Promise<TemplateList> {
  requireRole(principal, alertReaders);
  const network = await requireNetwork(deps, principal.networkId);
  const active = activeTemplates(await listTemplateOverrides(deps.db, network.id));
  const templates = network.languages.flatMap((language) =>
    templateKeys.map((key): PresentedTemplate => {
      const row = active.get(`${key}\u0000${language}`);
      return {
        key,
        language,
        body: row?.body ?? defaultTemplateBody(language, key),
        isDefault: !row,
        version: versionOf(row),
        updatedAt: row?.updated_at ?? null,
      };
    }),
  );
  return { templates, placeholders: templatePlaceholders, maxLength: maxTemplateLength };
}

export function activeTemplates(rows: AlertTemplatesTable[]): Map<string, AlertTemplatesTable> {
  return new Map(rows.map((row) => [`${row.template_key}\u0000${row.language}`, row]));
}

/** The version token recorded by drafts and proposals: a proposal id, `default` or `unversioned`. */
export function versionOf(row: AlertTemplatesTable | undefined): string {
  return row ? (row.version_id ?? 'unversioned') : 'default';
}

/**
 * Renders an unsaved template as the alert's SMS would carry it (network name, link, how to stop),
 * with a sample place and the current time, so the editor can show the segment count as it types.
 * Invalid text answers with the same codes as proposing it.
 */
export async function previewTemplate(
  deps: AlertDeps,
  principal: Principal,
  input: TemplatePreviewInput,
): Promise<TemplatePreview> {
  const network = await requireTemplateEditor(deps, principal, [input.language]);
  const body = input.body.trim();
  validateTemplateBody(body, input.language);
  return sampleRendering(deps, network, { ...input, body });
}

/** One template rendered with sample values, as its SMS would go out. */
export function sampleRendering(
  deps: Pick<AlertDeps, 'clock' | 'publicUrl'>,
  network: Network,
  input: { key: TemplateKey; language: string; body: string; sampleZip?: string; details?: string },
): TemplatePreview {
  const kind = input.key === 'correction' || input.key === 'cancellation' ? input.key : 'alert';
  const messages = renderAlertMessages(
    {
      kind,
      status: 'actual',
      template_key: input.key,
      category: input.key.startsWith('alert.') ? input.key.slice('alert.'.length) : 'other',
      area_names: JSON.stringify([]),
      zip: input.sampleZip ?? '60608',
      observed_at: deps.clock.now(),
      free_text: JSON.stringify(input.details ? { [input.language]: input.details } : {}),
    },
    {
      network: {
        name: network.name,
        slug: network.slug,
        timezone: network.timezone,
        languages: [input.language],
      },
      publicUrl: deps.publicUrl,
      overrides: new Map([[`${input.key}\u0000${input.language}`, input.body]]),
      referencedAt: null,
    },
  );
  const message = messages[input.language];
  if (!message) throw new Error('rendering one language returned nothing');
  const count = countSmsSegments(message.sms);
  return { text: message.text, sms: message.sms, smsSegments: count.segments, smsEncoding: count.encoding };
}

/** A template editor with a second factor, for languages the network offers. */
export async function requireTemplateEditor(
  deps: AlertDeps,
  principal: Principal,
  languages: readonly string[],
  roles: readonly Role[] = templateEditors,
): Promise<Network> {
  requireRole(principal, roles, []);
  requireSecondFactorEnrolled(principal);
  const network = await requireNetwork(deps, principal.networkId);
  const unknown = languages.filter((language) => !network.languages.includes(language));
  if (unknown.length > 0) {
    throw new AppError('TEMPLATE_LANGUAGE_NOT_OFFERED', 'The network does not offer this language.', [
      { path: 'language', message: `Use one of ${network.languages.join(', ')}.` },
    ]);
  }
  return network;
}
