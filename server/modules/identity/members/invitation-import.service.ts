import { inTransaction } from '../../../platform/database/unit-of-work.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { newId } from '../../../platform/ids/ids.ts';
import { enqueueJobInUnitOfWork } from '../../../platform/jobs/index.ts';
import type { JobWaker } from '../../../platform/jobs/index.ts';
import { recordAudit } from '../audit/index.ts';
import { requireRole, requireSecondFactorEnrolled } from '../auth/index.ts';
import type { Principal, RoleGrant } from '../auth/index.ts';
import { findNetworkById, selectAreaNamesOfNetwork, supportedLanguages } from '../networks/index.ts';
import { readVolunteersCsv } from './invitation-csv.ts';
import type { ReadRow } from './invitation-csv.ts';
import type { ImportPreview, ImportSent, InvitationImportInput } from './invitation-import.contract.ts';
import { insertInvitationDelivery } from './invitation-import.repository.ts';
import { createInvitation } from './invitation.service.ts';
import { memberManagerRoles, normalizeGrants, requireCanGrant } from './member.policy.ts';
import type { MemberDeps } from './member.service.ts';

export const sendInvitationJobName = 'members.sendInvitation';
/** Imported invitations last a week: long enough for a volunteer to find the message. */
const importedInvitationHours = 168;

export const invitationFields = {
  address: 'invitation_deliveries.address',
  link: 'invitation_deliveries.link',
} as const;

/** Which ways of sending this server has (SMTP_URL, Twilio settings). */
export interface ImportChannels {
  email: boolean;
  sms: boolean;
}

interface CheckedRow extends ReadRow {
  grants: RoleGrant[];
}

/**
 * Reads the file and checks every row against the network's areas and languages and what the
 * importer may grant. Nothing is stored. The addresses stay on the server (the preview says only
 * whether a row goes by email or text).
 */
async function checkRows(
  deps: MemberDeps & { channels: ImportChannels },
  principal: Principal,
  csv: string,
): Promise<CheckedRow[]> {
  requireRole(principal, memberManagerRoles);
  requireSecondFactorEnrolled(principal);
  const network = await findNetworkById(deps.db, principal.networkId);
  const languages = network?.languages ?? supportedLanguages;
  const areas = await selectAreaNamesOfNetwork(deps.db, principal.networkId);
  const areaIdOf = new Map(areas.map((area) => [area.name.trim().toLowerCase(), area.id]));
  return readVolunteersCsv(csv, languages).map((row) => {
    if (row.channel && !deps.channels[row.channel]) {
      row.problems.push({ column: 'contact', problem: 'CHANNEL_UNAVAILABLE' });
    }
    const areaIds = row.areas.map((name) => areaIdOf.get(name.toLowerCase()));
    if (areaIds.some((id) => id === undefined))
      row.problems.push({ column: 'areas', problem: 'AREA_UNKNOWN' });
    const known = areaIds.filter((id): id is string => id !== undefined);
    const grants = normalizeGrants(
      row.roles.flatMap((role): { role: typeof role; areaId: string | null }[] =>
        known.length === 0 ? [{ role, areaId: null }] : known.map((areaId) => ({ role, areaId })),
      ),
    );
    if (grants.length > 0) {
      try {
        requireCanGrant(principal, grants);
      } catch {
        row.problems.push({ column: 'roles', problem: 'ROLE_NOT_GRANTABLE' });
      }
    }
    return { ...row, grants };
  });
}

function previewOf(rows: CheckedRow[]): ImportPreview {
  const invalidCount = rows.filter((row) => row.problems.length > 0).length;
  return {
    rows: rows.map(({ line, name, channel, roles, areas, languages, problems }) => ({
      line,
      name,
      channel,
      roles,
      areas,
      languages,
      problems,
    })),
    validCount: rows.length - invalidCount,
    invalidCount,
  };
}

/** The preview: every row with its problems; nothing stored. */
export async function previewInvitationImport(
  deps: MemberDeps & { channels: ImportChannels },
  principal: Principal,
  input: InvitationImportInput,
): Promise<ImportPreview> {
  return previewOf(await checkRows(deps, principal, input.csv));
}

/**
 * Sends the file's invitations, only when every row is good (IMPORT_HAS_ERRORS otherwise, with
 * nothing stored). Each row's invitation is made by `createInvitation`, the same door (and the same
 * rules on privileged roles) as one invitation made by hand; then one transaction queues the
 * deliveries (address and link encrypted), their jobs and one audit entry. A failure between the two
 * leaves invitations whose link nobody has: they cannot be used and expire.
 */
export async function sendInvitationImport(
  deps: MemberDeps & { publicUrl: string; jobs: JobWaker; channels: ImportChannels },
  principal: Principal,
  input: InvitationImportInput,
): Promise<ImportSent> {
  const rows = await checkRows(deps, principal, input.csv);
  const preview = previewOf(rows);
  if (preview.invalidCount > 0) {
    throw new AppError('IMPORT_HAS_ERRORS', 'Fix the rows with problems, then send again.', [
      { path: 'csv', message: `${preview.invalidCount} rows with problems` },
    ]);
  }
  const network = await findNetworkById(deps.db, principal.networkId);
  const made: { row: CheckedRow; invitationId: string; link: string }[] = [];
  for (const row of rows) {
    const created = await createInvitation(deps, principal, {
      roles: row.grants,
      expiresInHours: importedInvitationHours,
    });
    made.push({ row, invitationId: created.id, link: created.link });
  }
  const byChannel = { email: 0, sms: 0 };
  await inTransaction(deps, async (uow) => {
    const now = deps.clock.now();
    for (const { row, invitationId, link } of made) {
      if (!row.contact || !row.channel) continue;
      byChannel[row.channel] += 1;
      const id = newId();
      await insertInvitationDelivery(uow.trx, {
        id,
        network_id: principal.networkId,
        invitation_id: invitationId,
        channel: row.channel,
        language: row.languages[0] ?? network?.languages[0] ?? 'en',
        address_enc: deps.crypto.encrypt(row.contact, invitationFields.address),
        link_enc: deps.crypto.encrypt(link, invitationFields.link),
        created_by: principal.memberId,
        created_at: now,
      });
      await enqueueJobInUnitOfWork(uow, deps, {
        name: sendInvitationJobName,
        payload: { deliveryId: id },
        idempotencyKey: `${sendInvitationJobName}:${id}`,
      });
    }
    await recordAudit(deps, uow.trx, {
      networkId: principal.networkId,
      actorMemberId: principal.memberId,
      action: 'member.invitationsImported',
      objectType: 'network',
      objectId: principal.networkId,
      metadata: { invitationIds: made.map((item) => item.invitationId), ...byChannel },
    });
  });
  return { invited: made.length, byChannel };
}
