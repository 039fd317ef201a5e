import { runPurge } from '../../retention.ts';
import { writeLine } from '../io.ts';
import type { CliIo } from '../io.ts';
import { loadCliConfig, withCliContext } from '../runtime.ts';

/** `amparo purge`: every retention task, then compaction; prints what went. Exit 1 if compaction was blocked. */
export async function purgeCommand(io: CliIo): Promise<number> {
  const config = loadCliConfig(io);
  const report = await withCliContext(config, { migrations: 'require' }, (context) =>
    runPurge({ db: context.database.db, dialect: context.database.dialect, clock: context.clock }),
  );
  const width = Math.max(...report.deleted.map((entry) => String(entry.count).length));
  for (const entry of report.deleted) {
    writeLine(io.stdout, `${String(entry.count).padStart(width)}  ${entry.name}`);
  }
  const total = report.deleted.reduce((sum, entry) => sum + entry.count, 0);
  writeLine(io.stdout, `Deleted ${total} row(s).`);
  if (report.compaction.dialect === 'sqlite') {
    if (!report.compaction.isComplete) {
      writeLine(
        io.stderr,
        'The SQLite write-ahead log could not be emptied because another process was reading; deleted ' +
          'rows may remain in it until the next checkpoint. Run purge again when the server is idle.',
      );
      return 1;
    }
    writeLine(
      io.stdout,
      'SQLite vacuumed and its write-ahead log emptied: deleted rows are gone from the files.',
    );
  } else {
    writeLine(
      io.stdout,
      'PostgreSQL vacuumed the purged tables; their space is reused by later writes. Backups still hold ' +
        'old rows until they expire.',
    );
  }
  return 0;
}
