import { runCli } from './cli/run.ts';

/**
 * The `amparo` command (`npm run amparo -- <command>`, `npx amparo <command>`): operations on a
 * deployment, run on the server with the same environment as the server.
 */
const exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  environment: process.env,
});
process.exit(exitCode);
