import { useMemo } from 'preact/hooks';
import { useResource } from '../../../lib/resource.ts';
import { listMembers } from '../api/members.ts';

/**
 * Member id → display name, for screens that say who did something (who drafted, stopped,
 * proposed). Coordinators and admins get the names; anyone else sees the start of the id. The
 * name is bidi-isolated (FSI … PDI): a Latin name inside an Arabic sentence keeps its place.
 */
export function useMemberNames(): (memberId: string) => string {
  const members = useResource(() => listMembers().catch(() => []), []);
  return useMemo(() => {
    const names = new Map((members.data ?? []).map((member) => [member.id, member.displayName]));
    return (memberId: string) => `\u2068${names.get(memberId) ?? memberId.slice(0, 8)}\u2069`;
  }, [members.data]);
}
