import { t } from '../../../lib/i18n.ts';
import type { RotaAnswer, RotaMember } from '../api/types.ts';

/** Whose turns the viewer may edit: everyone's for coordinators, else their own. */
export function editableMembers(rota: RotaAnswer): RotaMember[] {
  return rota.canEditAll ? rota.members : rota.members.filter((member) => member.id === rota.viewerMemberId);
}

/** The areas a turn may be limited to ('' = wherever the member's role applies). */
export function areaChoices(rota: RotaAnswer): { id: string; name: string }[] {
  const areas = new Map<string, string>();
  for (const entry of rota.coverage)
    if (entry.areaId && entry.areaName) areas.set(entry.areaId, entry.areaName);
  return [{ id: '', name: t('rota.anyArea') }, ...[...areas].map(([id, name]) => ({ id, name }))];
}

export function canEdit(rota: RotaAnswer, memberId: string): boolean {
  return rota.canEditAll || memberId === rota.viewerMemberId;
}
