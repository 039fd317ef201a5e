import { recordAudit } from '../audit/index.ts';
import { requireRole } from '../auth/policy.ts';
import type { Principal } from '../auth/principal.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import type { AlertDeps } from './alert.deps.ts';
import { requireNetwork } from './alert.drafting.ts';
import { alertReaders } from './alert.policy.ts';
import { deleteTemplate, listTemplateOverrides, upsertTemplate } from './alert.repository.ts';
import type { TemplateUpdateInput } from './alert.schemas.ts';
import { defaultTemplateBody, templateKeys, validateTemplateBody } from './alert.templates.ts';
import type { TemplateKey } from './alert.templates.ts';

export interface PresentedTemplate {
  key: TemplateKey;
  language: string;
  body: string;
  isDefault: boolean;
  updatedAt: number | null;
}

/** Every template in every network language: the admin's version where one exists, else the default. */
export async function listTemplates(
  deps: AlertDeps,
  principal: Principal,
): Promise<{ templates: PresentedTemplate[] }> {
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
  return { templates };
}

/** Admins edit a template (or restore the default with `body: null`); approved alerts keep their text. */
export async function updateTemplate(
  deps: AlertDeps,
  principal: Principal,
  input: TemplateUpdateInput,
): Promise<PresentedTemplate> {
  requireRole(principal, ['admin']);
  const network = await requireNetwork(deps, principal.networkId);
  if (!network.languages.includes(input.language)) {
    throw new AppError('VALIDATION_FAILED', 'The request is not valid.', [
      { path: 'language', message: `Use one of ${network.languages.join(', ')}.` },
    ]);
  }
  const body = input.body?.trim() ?? null;
  if (body !== null) validateTemplateBody(body, input.language);
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    if (body === null || body.length === 0) await deleteTemplate(trx, network.id, input.key, input.language);
    else {
      await upsertTemplate(trx, {
        network_id: network.id,
        template_key: input.key,
        language: input.language,
        body,
        updated_by: principal.memberId,
        updated_at: now,
      });
    }
    await recordAudit(deps, trx, {
      networkId: network.id,
      actorMemberId: principal.memberId,
      action: 'alert.templateUpdated',
      objectType: 'alertTemplate',
      objectId: `${input.key}:${input.language}`,
      metadata: { isDefault: !body },
    });
  });
  const isDefault = !body;
  return {
    key: input.key,
    language: input.language,
    body: isDefault ? defaultTemplateBody(input.language, input.key) : body,
    isDefault,
    updatedAt: isDefault ? null : now,
  };
}
