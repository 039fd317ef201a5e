import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** One line of the table: a figure and, where it has one, the baseline measured in the same run. */
export interface BenchRow {
  section: string;
  database: string;
  figure: string;
  value: string;
  baseline: string;
  ratio: string;
  note?: string;
}

export function notAvailable(section: string, database: string, reason: string): BenchRow {
  return { section, database, figure: 'n/a', value: 'n/a', baseline: '', ratio: '', note: reason };
}

export function formatNumber(value: number, digits = 1): string {
  if (!Number.isFinite(value)) return 'n/a';
  return value >= 100 ? Math.round(value).toLocaleString('en-US') : value.toFixed(digits);
}

/** `value / baseline` as "0.42×"; for times (lower is better) the caller decides the order. */
export function ratioOf(value: number, baseline: number): string {
  if (!Number.isFinite(value) || !Number.isFinite(baseline) || baseline === 0) return 'n/a';
  return `${(value / baseline).toFixed(value / baseline >= 10 ? 0 : 2)}×`;
}

export function machineDescription(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const memoryGb = (os.totalmem() / 1024 ** 3).toFixed(1);
  return `${os.availableParallelism()} CPUs (${cpu}), ${memoryGb} GB RAM, Node ${process.version}, ${os.platform()} ${os.release()}`;
}

export function renderMarkdown(rows: BenchRow[]): string {
  const header = ['Section', 'Database', 'Figure', 'Value', 'Baseline (same run)', 'Ratio', 'Note'];
  const lines = [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map(
      (row) =>
        `| ${[row.section, row.database, row.figure, row.value, row.baseline, row.ratio, row.note ?? '']
          .map((cell) => cell.replaceAll('|', '\\|'))
          .join(' | ')} |`,
    ),
  ];
  return lines.join('\n');
}

export function writeResults(
  rows: BenchRow[],
  mode: string,
  startedAt: Date,
  /** 1-, 5- and 15-minute load averages (as `uptime` shows them) when the run started and ended. */
  load: { start: number[]; end: number[] },
): { json: string; markdown: string } {
  const directory = path.resolve(import.meta.dirname, 'results');
  fs.mkdirSync(directory, { recursive: true });
  const stamp = startedAt
    .toISOString()
    .replaceAll(':', '-')
    .replace(/\.\d+Z$/, 'Z');
  const json = path.join(directory, `${stamp}.json`);
  const markdown = path.join(directory, `${stamp}.md`);
  const machine = machineDescription();
  fs.writeFileSync(
    json,
    JSON.stringify(
      { startedAt: startedAt.toISOString(), endedAt: new Date().toISOString(), mode, machine, load, rows },
      null,
      2,
    ),
  );
  fs.writeFileSync(
    markdown,
    `# Amparo benchmarks (${mode}), ${startedAt.toISOString()} to ${new Date().toISOString()}\n\n` +
      `Machine: ${machine}\n\nLoad average (1, 5, 15 min): ${formatLoad(load.start)} at start, ${formatLoad(load.end)} at end\n\n` +
      `${renderMarkdown(rows)}\n`,
  );
  return { json, markdown };
}

function formatLoad(load: number[]): string {
  return load.map((value) => value.toFixed(2)).join(', ');
}
