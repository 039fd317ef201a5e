import type { DemoState } from './demo-state.ts';
import { confirmTotp, createAuthDeps, enrollTotp, totpCodeAt } from './module-services.ts';

/** Enrolls and confirms an authenticator app for a demo member, as the member would in the web app. */
export async function enrollDemoTotp(state: DemoState, memberKey: string): Promise<void> {
  const deps = createAuthDeps(state.context);
  const member = state.members[memberKey];
  if (!member) throw new Error(`Demo member ${memberKey} is not seeded yet`);
  member.totpSecret = await state.actAs(memberKey, async (principal) => {
    const { secret } = await enrollTotp(deps, principal);
    await confirmTotp(deps, principal, totpCodeAt(secret, state.context.clock.now()));
    return secret;
  });
}
