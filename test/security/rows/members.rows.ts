import { managers } from './shared.ts';
import type { RouteRow } from '../route-matrix.ts';
import { buildRecoveryLink } from '../../members/recovery-support.ts';
import { buildPrivilegeGrant } from '../../members/privilege-support.ts';

/** Authorization matrix rows: joining, invitations, members, audit trail and realtime. See test/security/route-matrix.ts for the row format. */
export const membersRows: RouteRow[] = [
  // joining (capability link from an invitation)
  { method: 'GET', url: '/join/:invitationToken', public: true, note: 'invitation link is the credential' },
  { method: 'POST', url: '/join/:invitationToken', public: true, note: 'invitation link is the credential' },
  {
    method: 'POST',
    url: '/api/invitations/:invitationToken/accept',
    public: true,
    note: 'invitation link is the credential',
  },

  // invitations
  {
    method: 'POST',
    url: '/api/invitations',
    allow: managers,
    scope: 'own-network',
    request: () => ({ body: { roles: [{ role: 'responder' }] } }),
  },
  { method: 'GET', url: '/api/invitations', allow: managers, scope: 'own-network' },
  // volunteers from a CSV (one row; the preview stores nothing, the send makes invitations)
  {
    method: 'POST',
    url: '/api/invitation-imports/preview',
    allow: managers,
    scope: 'own-network',
    request: () => ({ body: { csv: 'name,contact,roles,languages\nAna,ana@example.org,responder,en\n' } }),
  },
  {
    method: 'POST',
    url: '/api/invitation-imports',
    allow: managers,
    scope: 'own-network',
    request: () => ({ body: { csv: 'name,contact,roles,languages\nAna,ana@example.org,responder,en\n' } }),
  },
  {
    method: 'DELETE',
    url: '/api/invitations/:invitationId',
    allow: managers,
    // Made by network A's coordinator: admins revoke any invitation, coordinators their own.
    request: async (fixture) => ({ params: { invitationId: (await fixture.fresh.invitation()).id } }),
  },

  // members
  { method: 'GET', url: '/api/members', allow: ['admin', 'coordinator', 'dispatcher'], scope: 'own-network' },
  {
    method: 'GET',
    url: '/api/members/:memberId',
    allow: managers,
    request: (fixture) => ({ params: { memberId: fixture.targetA.id } }),
  },
  {
    method: 'PUT',
    url: '/api/members/:memberId/roles',
    allow: ['admin'],
    request: async (fixture) => ({
      params: { memberId: (await fixture.fresh.member()).id },
      body: { roles: [{ role: 'viewer' }, { role: 'responder', areaId: fixture.areaA.id }] },
    }),
  },
  {
    method: 'DELETE',
    url: '/api/members/:memberId',
    allow: ['admin'],
    request: async (fixture) => ({ params: { memberId: (await fixture.fresh.member()).id } }),
  },
  {
    method: 'POST',
    url: '/api/members/:memberId/exercise-recipient',
    allow: managers,
    request: (fixture) => ({ params: { memberId: fixture.targetA.id }, body: { isExerciseRecipient: true } }),
  },
  {
    method: 'POST',
    url: '/api/members/:memberId/vettings',
    allow: ['coordinator'],
    request: async (fixture) => ({
      params: { memberId: (await fixture.fresh.member({ status: 'probationary' })).id },
    }),
  },

  // privilege needs two (docs/adr/0019-privilege-needs-two.md)
  { method: 'GET', url: '/api/privilege-grants', allow: ['admin'], scope: 'own-network' },
  {
    method: 'POST',
    url: '/api/privilege-grants/:grantId/approve',
    allow: ['admin'],
    // Asked for by another admin for a fresh member: every caller is neither its requester nor its member.
    request: async (fixture) => {
      const member = await fixture.fresh.member();
      const requester = await fixture.fresh.member({ roles: [{ role: 'admin' }] });
      const grant = await buildPrivilegeGrant(fixture.context, {
        networkId: fixture.networkA.id,
        memberId: member.id,
        requestedBy: requester.id,
      });
      fixture.idsOfNetworkA.add(grant.id);
      return { params: { grantId: grant.id } };
    },
  },

  // admin-assisted recovery (docs/adr/0011-member-recovery.md)
  {
    method: 'POST',
    url: '/api/members/:memberId/recovery-links',
    allow: ['admin'],
    request: async (fixture) => ({ params: { memberId: (await fixture.fresh.member()).id } }),
  },
  {
    method: 'POST',
    url: '/api/members/:memberId/recovery-links/:linkId/approve',
    allow: managers,
    // A link for an admin, made by another admin: every caller is neither its creator nor its member.
    request: async (fixture) => {
      const target = await fixture.fresh.member({ roles: [{ role: 'admin' }] });
      const creator = await fixture.fresh.member({ roles: [{ role: 'admin' }] });
      const link = await buildRecoveryLink(fixture.context, {
        networkId: fixture.networkA.id,
        memberId: target.id,
        createdBy: creator.id,
        needsApproval: true,
      });
      fixture.idsOfNetworkA.add(link.id);
      return { params: { memberId: target.id, linkId: link.id } };
    },
  },
  { method: 'GET', url: '/recover/:recoveryToken', public: true, note: 'recovery link is the credential' },
  { method: 'POST', url: '/recover/:recoveryToken', public: true, note: 'recovery link is the credential' },

  // audit trail
  { method: 'GET', url: '/api/audit', allow: ['admin'], scope: 'own-network' },
  { method: 'GET', url: '/api/audit/actions', allow: ['admin'], scope: 'own-network' },
  { method: 'GET', url: '/api/audit/verify', allow: ['admin'], scope: 'own-network' },

  // realtime
  {
    method: 'GET',
    url: '/api/realtime',
    allow: 'any-member',
    scope: 'own-network',
    stream: true,
    note: 'probationary members hear only their own room',
  },
];
