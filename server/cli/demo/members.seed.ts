import { memberDepsFrom, createMemberRecord } from '../../modules/identity/members/index.ts';
import type { Role } from '../../modules/identity/members/index.ts';
import { recordAudit } from '../../modules/identity/audit/index.ts';
import { hashPassword } from '../../modules/identity/auth/index.ts';
import { inTransaction } from '../../platform/database/unit-of-work.ts';
import { demoEmailDomain, demoPassword } from './demo-state.ts';
import type { DemoSeed, DemoState } from './demo-state.ts';
import { vetMember } from './module-services.ts';
import { enrollDemoTotp } from './second-factor.ts';

interface DemoMemberPlan {
  key: string;
  displayName: string;
  localPart: string;
  roles: { role: Role; areaKey: string | null }[];
  /** Responders join probationary and become active once both coordinators vet them. */
  needsVetting?: boolean;
}

const plan: DemoMemberPlan[] = [
  {
    key: 'coordinatorRosa',
    displayName: 'Rosa (demo coordinator)',
    localPart: 'coordinator-rosa',
    roles: [{ role: 'coordinator', areaKey: null }],
  },
  {
    key: 'coordinatorMiguel',
    displayName: 'Miguel (demo coordinator)',
    localPart: 'coordinator-miguel',
    roles: [{ role: 'coordinator', areaKey: null }],
  },
  {
    key: 'dispatcher',
    displayName: 'Dana (demo dispatcher)',
    localPart: 'dispatcher',
    roles: [{ role: 'dispatcher', areaKey: null }],
  },
  {
    key: 'responderPilsen',
    displayName: 'Luis (demo responder)',
    localPart: 'responder-pilsen',
    roles: [{ role: 'responder', areaKey: 'pilsen' }],
    needsVetting: true,
  },
  {
    key: 'responderLittleVillage',
    displayName: 'Carmen (demo responder)',
    localPart: 'responder-little-village',
    roles: [
      { role: 'responder', areaKey: 'littleVillage' },
      { role: 'responder', areaKey: 'courthouse' },
    ],
    needsVetting: true,
  },
  {
    key: 'responderBackOfTheYards',
    displayName: 'Samir (demo responder)',
    localPart: 'responder-back-of-the-yards',
    roles: [{ role: 'responder', areaKey: 'backOfTheYards' }],
    needsVetting: true,
  },
  {
    key: 'advocate',
    displayName: 'Teresa (demo advocate)',
    localPart: 'advocate',
    roles: [{ role: 'advocate', areaKey: null }],
  },
  {
    key: 'housing',
    displayName: 'Pastor Jim (demo housing)',
    localPart: 'housing',
    roles: [{ role: 'housing_coordinator', areaKey: null }],
  },
];

/** The team, each with an authenticator app: two coordinators, a dispatcher, three vetted responders, an advocate, housing. */
export const membersSeed: DemoSeed = {
  name: 'members',
  async run(state) {
    const passwordHash = await hashPassword(demoPassword);
    for (const member of plan) await addMember(state, member, passwordHash);
    // Every member with a role enrols a factor before any work screen (ADR 0019): all of them here.
    for (const member of plan) await enrollDemoTotp(state, member.key);
    const deps = memberDepsFrom(state.context);
    for (const coordinator of ['coordinatorRosa', 'coordinatorMiguel']) {
      await state.actAs(coordinator, async (principal) => {
        for (const member of plan.filter((entry) => entry.needsVetting)) {
          await vetMember(deps, principal, state.members[member.key]!.memberId);
        }
      });
    }
  },
};

async function addMember(state: DemoState, member: DemoMemberPlan, passwordHash: string): Promise<void> {
  const deps = memberDepsFrom(state.context);
  const email = `${member.localPart}@${demoEmailDomain}`;
  const adminId = state.members.admin!.memberId;
  const roles = member.roles.map((grant) => ({
    role: grant.role,
    areaId: grant.areaKey === null ? null : requireArea(state, grant.areaKey),
  }));
  const memberId = await inTransaction(deps, async ({ trx }) => {
    const id = await createMemberRecord(deps, trx, {
      networkId: state.networkId,
      displayName: member.displayName,
      email,
      passwordHash,
      status: member.needsVetting ? 'probationary' : 'active',
      roles,
      grantedBy: adminId,
    });
    await recordAudit(deps, trx, {
      networkId: state.networkId,
      actorMemberId: id,
      action: 'member.joined',
      objectType: 'member',
      objectId: id,
      metadata: { roles: roles.map((grant) => grant.role), via: 'demo' },
    });
    return id;
  });
  state.members[member.key] = {
    key: member.key,
    memberId,
    displayName: member.displayName,
    email,
    roles: member.roles,
    totpSecret: null,
  };
}

function requireArea(state: DemoState, areaKey: string): string {
  const areaId = state.areas[areaKey];
  if (!areaId) throw new Error(`Demo area ${areaKey} is not seeded yet`);
  return areaId;
}
