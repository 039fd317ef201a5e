import { writeLine } from '../io.ts';
import type { CliIo } from '../io.ts';
import type { SavedDemo } from './demo-file.ts';
import { demoPassword } from './demo-state.ts';
import { demoNetworkName, demoNetworkSlug } from './network.seed.ts';

const rule = '='.repeat(78);

/**
 * Prints the demo accounts, loudly marked (anyone who sees this console can sign in as them),
 * and where to go: the web app, and the public pages of the demo network.
 */
export function printDemoCredentials(io: CliIo, state: SavedDemo, baseUrl: string): void {
  const out = io.stdout;
  writeLine(out, rule);
  writeLine(out, '  DEMO DATA ONLY. These accounts and their password are printed in the clear.');
  writeLine(out, '  Never run a demo database for real work or put real people or reports in it.');
  writeLine(out, rule);
  writeLine(out, `Network: ${demoNetworkName} (America/Chicago)`);
  writeLine(out, `Areas:   ${Object.keys(state.areas).join(', ')}`);
  writeLine(out, `Sign in:        ${baseUrl}/app/`);
  writeLine(out, `Report form:    ${baseUrl}/r/${demoNetworkSlug}   (try ZIP code 60608, Pilsen)`);
  writeLine(out, `Live alerts:    ${baseUrl}/a/${demoNetworkSlug}`);
  writeLine(out, `Subscribe:      ${baseUrl}/a/${demoNetworkSlug}/subscribe`);
  writeLine(out, `Rumor control:  ${baseUrl}/s/${demoNetworkSlug}`);
  writeLine(out, `Password for every account: ${demoPassword}`);
  writeLine(out);
  const width = Math.max(...Object.values(state.members).map((member) => member.email.length));
  for (const member of Object.values(state.members)) {
    const roles = member.roles
      .map((grant) => (grant.areaKey ? `${grant.role} (${grant.areaKey})` : grant.role))
      .join(', ');
    writeLine(out, `  ${member.email.padEnd(width)}  ${roles}`);
    if (member.totpSecret)
      writeLine(out, `  ${' '.repeat(width)}  authenticator app secret: ${member.totpSecret}`);
  }
  writeLine(out);
  writeLine(out, 'Accounts with an authenticator app secret ask for a 6-digit code after the password:');
  writeLine(out, 'add the secret to any TOTP app (or `oathtool --totp -b <secret>`).');
  writeLine(out, 'Approving an alert or administering needs a passkey: the first time, the app asks you');
  writeLine(out, 'to register one (your browser or phone; answer with the code once to register it).');
  writeLine(out, 'The responders are on call near their areas for 30 minutes after each start.');
  writeLine(out, rule);
}
