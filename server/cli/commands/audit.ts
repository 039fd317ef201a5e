import { parseArgs } from 'node:util';
import { verifyAuditChain } from '../../modules/identity/audit/index.ts';
import { UsageError, writeLine } from '../io.ts';
import type { CliIo } from '../io.ts';
import { loadCliConfig, withCliContext } from '../runtime.ts';

/**
 * `amparo audit verify`: recomputes every hash chain. Record the printed heads somewhere else: a
 * later rewrite of the whole chain is detectable only against them.
 */
export async function auditCommand(io: CliIo, args: string[]): Promise<number> {
  const [action, ...rest] = args;
  if (action !== 'verify') throw new UsageError('Use "amparo audit verify [--network <id>] [--json]".');
  const { values } = parseArgs({
    args: rest,
    options: { network: { type: 'string' }, json: { type: 'boolean' } },
    strict: true,
    allowPositionals: false,
  });
  const config = loadCliConfig(io);
  const { chains } = await withCliContext(config, { migrations: 'require' }, (context) =>
    verifyAuditChain({ db: context.database.db }, values.network),
  );
  const isIntact = chains.every((chain) => chain.isIntact);
  if (values.json) {
    writeLine(io.stdout, JSON.stringify({ isIntact, chains }, null, 2));
  } else {
    if (chains.length === 0) writeLine(io.stdout, 'No audit entries yet.');
    for (const chain of chains) {
      const name = chain.chain === '-' ? 'deployment' : `network ${chain.chain}`;
      const status = chain.isIntact
        ? 'intact'
        : `BROKEN at entry ${chain.firstBrokenSeq ?? '?'}: ${chain.reason ?? 'unknown reason'}`;
      writeLine(
        io.stdout,
        `${name}: ${chain.entries} entries, ${status}; head ${chain.headSeq} ${chain.headHash}`,
      );
    }
  }
  return isIntact ? 0 : 1;
}
