import type { DemoState } from './demo-state.ts';
import { confirmTotp, createAuthDeps, enrollTotp, totpCodeAt } from './module-services.ts';

/** Enrolls and confirms an authenticator app for a demo member, as the member would in the web app. */
export async function enrollDemoTotp(state: DemoState, memberKey: string): Promise<void> {
  const deps = createAuthDeps(state.context);
  const member = state.members[memberKey];
  if (!member) throw new Error(`Demo member ${memberKey} is not seeded yet`);
  member.totpSecret = await state.actAs(memberKey, async (principal) => {
    const { secret } = await enrollTotp(deps, principal);
    // With the previous step's code (inside the one-step window): that step is used up, not the
    // current one, so the code a newcomer's app shows right after `npm run demo` still works.
    await confirmTotp(deps, principal, totpCodeAt(secret, state.context.clock.now() - 30_000));
    return secret;
  });
}
