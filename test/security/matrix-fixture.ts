import { roles } from '../../server/modules/identity/members/index.ts';
import type { Role } from '../../server/modules/identity/members/index.ts';
import type { AreasTable, NetworksTable } from '../../server/modules/identity/networks/network.tables.ts';
import { buildArea, buildInvitation, buildMember, buildNetwork, signIn } from '../support/factories.ts';
import type {
  BuiltInvitation,
  BuiltMember,
  FactoryContext,
  MemberOptions,
  SignedIn,
} from '../support/factories.ts';

/**
 * The world the authorization matrix runs in: network A with one active member per role, a
 * probationary member holding every role, and network B with a member holding every role. Every
 * caller has an enrolled second factor and a fresh step-up, so only role, status and network
 * decide the outcome.
 */
export interface MatrixFixture {
  context: FactoryContext;
  networkA: NetworksTable;
  networkB: NetworksTable;
  /** An area of network A. */
  areaA: AreasTable;
  /** Active members of network A, one per role, unlimited by area. */
  holders: Record<Role, BuiltMember>;
  /** An active responder of network A to read or act on. */
  targetA: BuiltMember;
  /** Makes a new object of network A for one call (routes that change or consume it). */
  fresh: {
    member(options?: Partial<MemberOptions>): Promise<BuiltMember>;
    invitation(createdBy?: BuiltMember): Promise<BuiltInvitation>;
  };
  /** Every id of network A made so far: a response to network B's member must contain none. */
  idsOfNetworkA: Set<string>;
}

export type CallerName = Role | 'probationary' | 'other-network' | 'signed-out';

export interface Caller {
  name: CallerName;
  member: BuiltMember | null;
  session: SignedIn | null;
}

const everyRole = roles.map((role) => ({ role }));
/** Nobody here signs in by password: skipping Argon2 keeps the matrix fast. */
const noPassword = { password: null };

/**
 * A new member just like `caller` (same network, roles, status, second factor) with a fresh
 * stepped-up session, for a call that changes the caller's own account or sessions.
 */
export async function twinOf(fixture: MatrixFixture, caller: Caller): Promise<Caller> {
  if (!caller.member) return caller;
  const member = await buildMember(fixture.context, {
    networkId: caller.member.networkId,
    roles: caller.member.roles,
    status: caller.member.status,
    withTotp: caller.member.totpSecret !== null,
    password: null,
  });
  if (member.networkId === fixture.networkA.id) fixture.idsOfNetworkA.add(member.id);
  return {
    name: caller.name,
    member,
    session: await signIn(fixture.context, member, { secondFactorProved: true }),
  };
}

export async function buildMatrixFixture(
  context: FactoryContext,
): Promise<{ fixture: MatrixFixture; callers: Caller[] }> {
  const networkA = await buildNetwork(context);
  const networkB = await buildNetwork(context);
  const areaA = await buildArea(context, networkA.id);
  const idsOfNetworkA = new Set<string>([networkA.id, areaA.id]);
  const remember = <T extends { id: string }>(object: T): T => {
    idsOfNetworkA.add(object.id);
    return object;
  };

  const holders = {} as Record<Role, BuiltMember>;
  for (const role of roles) {
    holders[role] = remember(
      await buildMember(context, {
        networkId: networkA.id,
        roles: [{ role }],
        withTotp: true,
        ...noPassword,
      }),
    );
  }
  const probationary = remember(
    await buildMember(context, {
      networkId: networkA.id,
      roles: everyRole,
      status: 'probationary',
      withTotp: true,
      ...noPassword,
    }),
  );
  const outsider = await buildMember(context, {
    networkId: networkB.id,
    roles: everyRole,
    withTotp: true,
    ...noPassword,
  });
  const targetA = remember(
    await buildMember(context, { networkId: networkA.id, roles: [{ role: 'responder' }], ...noPassword }),
  );

  const fixture: MatrixFixture = {
    context,
    networkA,
    networkB,
    areaA,
    holders,
    targetA,
    idsOfNetworkA,
    fresh: {
      member: async (options = {}) =>
        remember(
          await buildMember(context, {
            roles: [{ role: 'responder' }],
            ...noPassword,
            ...options,
            networkId: networkA.id,
          }),
        ),
      invitation: async (createdBy = holders.coordinator) =>
        remember(await buildInvitation(context, { networkId: networkA.id, createdBy: createdBy.id })),
    },
  };

  const signedIn = async (name: CallerName, member: BuiltMember): Promise<Caller> => ({
    name,
    member,
    session: await signIn(context, member, { secondFactorProved: true }),
  });
  const callers: Caller[] = [{ name: 'signed-out', member: null, session: null }];
  callers.push(await signedIn('probationary', probationary));
  callers.push(await signedIn('other-network', outsider));
  for (const role of roles) callers.push(await signedIn(role, holders[role]));
  return { fixture, callers };
}
