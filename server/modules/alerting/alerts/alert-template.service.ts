import { recordAudit } from '../../identity/index.ts';
import { requireRole, requireSecondFactorEnrolled } from '../../identity/index.ts';
import type { Principal } from '../../identity/index.ts';
import type { Role } from '../../identity/index.ts';
import type { Network } from '../../identity/index.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import type { AlertDeps } from './alert.deps.ts';
import { requireNetwork } from './alert-drafting.service.ts';
import { alertReaders } from './alert.policy.ts';
import { renderAlertMessages } from './alert-rendering.ts';
import { deleteTemplate, listTemplateOverrides, upsertTemplate } from './alert.repository.ts';
import type { TemplateUpdateInput } from './alert.contract.ts';
import type {
  PresentedTemplate,
  TemplateList,
  TemplatePreview,
  TemplatePreviewInput,
  TemplateRef,
} from './alert-template.contract.ts';
import {
  defaultTemplateBody,
  maxTemplateLength,
  templateKeys,
  templatePlaceholders,
  validateTemplateBody,
} from './alert-templates.ts';
import { countSmsSegments } from './sms-segments.ts';

/**
 * Who edits the network's templates: an admin or a coordinator for the whole network. An
 * area-limited grant does not reach text that every area's subscribers receive.
 */
export const templateEditors: readonly Role[] = ['admin', 'coordinator'];

export type { PresentedTemplate, TemplatePreview } from './alert-template.contract.ts';

/** Every template in every network language: the network's version where one exists, else the default. */
export async function listTemplates(deps: AlertDeps, principal: Principal): Promise<TemplateList> {
  requireRole(principal, alertReaders);
  const network = await requireNetwork(deps, principal.networkId);
  const overrides = new Map(
    (await listTemplateOverrides(deps.db, network.id)).map((row) => [
      `${row.template_key}\u0000${row.language}`,
      row,
    ]),
  );
  const templates = network.languages.flatMap((language) =>
    templateKeys.map((key) => {
      const override = overrides.get(`${key}\u0000${language}`);
      return {
        key,
        language,
        body: override?.body ?? defaultTemplateBody(language, key),
        isDefault: !override,
        updatedAt: override?.updated_at ?? null,
      };
    }),
  );
  return { templates, placeholders: templatePlaceholders, maxLength: maxTemplateLength };
}

/** Saves the network's version of a template (or restores the default with `body: null`); approved alerts keep their text. */
export async function updateTemplate(
  deps: AlertDeps,
  principal: Principal,
  input: TemplateUpdateInput,
): Promise<PresentedTemplate> {
  const network = await requireTemplateEditor(deps, principal, input.language);
  const body = input.body?.trim() ?? null;
  if (body === null || body.length === 0) return resetTemplate(deps, principal, input);
  validateTemplateBody(body, input.language);
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    await upsertTemplate(trx, {
      network_id: network.id,
      template_key: input.key,
      language: input.language,
      body,
      updated_by: principal.memberId,
      updated_at: now,
    });
    await recordAudit(deps, trx, {
      networkId: network.id,
      actorMemberId: principal.memberId,
      action: 'alert.templateUpdated',
      objectType: 'alertTemplate',
      objectId: `${input.key}:${input.language}`,
      metadata: { isDefault: false, length: body.length },
    });
  });
  return { key: input.key, language: input.language, body, isDefault: false, updatedAt: now };
}

/** Deletes the network's version of a template: the pre-translated default applies again. */
export async function resetTemplate(
  deps: AlertDeps,
  principal: Principal,
  ref: TemplateRef,
): Promise<PresentedTemplate> {
  const network = await requireTemplateEditor(deps, principal, ref.language);
  await deps.db.transaction().execute(async (trx) => {
    await deleteTemplate(trx, network.id, ref.key, ref.language);
    await recordAudit(deps, trx, {
      networkId: network.id,
      actorMemberId: principal.memberId,
      action: 'alert.templateReset',
      objectType: 'alertTemplate',
      objectId: `${ref.key}:${ref.language}`,
    });
  });
  return {
    key: ref.key,
    language: ref.language,
    body: defaultTemplateBody(ref.language, ref.key),
    isDefault: true,
    updatedAt: null,
  };
}

/**
 * Renders an unsaved template as the alert's SMS would carry it (network name, link, how to stop),
 * with a sample place and the current time, so the editor can show the segment count as it types.
 * Invalid text answers with the same codes as saving it.
 */
export async function previewTemplate(
  deps: AlertDeps,
  principal: Principal,
  input: TemplatePreviewInput,
): Promise<TemplatePreview> {
  const network = await requireTemplateEditor(deps, principal, input.language);
  const body = input.body.trim();
  validateTemplateBody(body, input.language);
  const kind = input.key === 'correction' || input.key === 'cancellation' ? input.key : 'alert';
  const messages = renderAlertMessages(
    {
      kind,
      status: 'actual',
      template_key: input.key,
      area_names: JSON.stringify([]),
      zip: input.sampleZip,
      observed_at: deps.clock.now(),
      free_text: JSON.stringify(input.details ? { [input.language]: input.details } : {}),
    },
    {
      network: { ...pickRenderFields(network), languages: [input.language] },
      publicUrl: deps.publicUrl,
      overrides: new Map([[`${input.key}\u0000${input.language}`, body]]),
      referencedAt: null,
    },
  );
  const message = messages[input.language];
  if (!message) throw new Error('rendering one language returned nothing');
  const count = countSmsSegments(message.sms);
  return { text: message.text, sms: message.sms, smsSegments: count.segments, smsEncoding: count.encoding };
}

function pickRenderFields(network: Network) {
  return { name: network.name, slug: network.slug, timezone: network.timezone };
}

async function requireTemplateEditor(
  deps: AlertDeps,
  principal: Principal,
  language: string,
): Promise<Network> {
  requireRole(principal, templateEditors, []);
  requireSecondFactorEnrolled(principal);
  const network = await requireNetwork(deps, principal.networkId);
  if (!network.languages.includes(language)) {
    throw new AppError('TEMPLATE_LANGUAGE_NOT_OFFERED', 'The network does not offer this language.', [
      { path: 'language', message: `Use one of ${network.languages.join(', ')}.` },
    ]);
  }
  return network;
}
