import autocannon from 'autocannon';
import type { DialectName } from '../server/platform/database/database.ts';
import { formatNumber, ratioOf } from './results.ts';
import type { BenchRow } from './results.ts';
import { startSeededServer } from './seed.ts';

export interface IntakeSizes {
  connections: number;
  seconds: number;
}

const categories = ['home', 'workplace', 'street_stop', 'checkpoint', 'transport', 'other'];

/** Reports accepted per second over HTTP against the same server answering /healthz. */
export async function benchIntake(dialect: DialectName, sizes: IntakeSizes): Promise<BenchRow[]> {
  const seeded = await startSeededServer(dialect);
  try {
    const reportsUrl = `${seeded.server.url}/api/public/${seeded.slug}/reports`;
    // Warm up: the first requests load and compile the intake path; that is not steady state.
    for (let index = 0; index < 30; index += 1) {
      await fetch(reportsUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(randomReport()),
        signal: AbortSignal.timeout(10_000),
      });
    }
    const health = await run({ url: `${seeded.server.url}/healthz`, ...sizes });
    const reports = await run({
      url: reportsUrl,
      ...sizes,
      requests: [
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          // A fresh report per request, scattered over a few kilometres (some cluster, some do not).
          setupRequest: (request) => ({ ...request, body: JSON.stringify(randomReport()) }),
        },
      ],
    });
    const accepted = reports.statusCodeStats?.['201']?.count ?? 0;
    const refused = Object.entries(reports.statusCodeStats ?? {})
      .filter(([status]) => status !== '201')
      .map(([status, stats]) => `${stats.count}×${status}`);
    const healthPerSecond = health['2xx'] / sizes.seconds;
    const reportsPerSecond = accepted / sizes.seconds;
    const base = { section: 'intake (HTTP)', database: dialect };
    return [
      {
        ...base,
        figure: 'reports accepted/s',
        value: formatNumber(reportsPerSecond),
        baseline: `${formatNumber(healthPerSecond)} /healthz/s`,
        ratio: ratioOf(reportsPerSecond, healthPerSecond),
        note: `${sizes.connections} connections, ${sizes.seconds} s; other answers: ${refused.join(', ') || 'none'}; ${reports.errors} errors, ${reports.timeouts} timeouts`,
      },
      {
        ...base,
        figure: 'latency p50 / p99 (ms)',
        value: `${reports.latency.p50} / ${reports.latency.p99}`,
        baseline: `${health.latency.p50} / ${health.latency.p99}`,
        ratio: `${ratioOf(reports.latency.p50, health.latency.p50)} / ${ratioOf(reports.latency.p99, health.latency.p99)}`,
      },
    ];
  } finally {
    await seeded.stop();
  }
}

function run(options: autocannon.Options & IntakeSizes): Promise<autocannon.Result> {
  return autocannon({
    ...options,
    duration: options.seconds,
    connections: options.connections,
    timeout: 10,
  });
}

function randomReport(): Record<string, unknown> {
  return {
    category: categories[Math.floor(Math.random() * categories.length)],
    location: { lat: 41.85 + Math.random() * 0.03, lon: -87.68 + Math.random() * 0.03 },
    description: `bench ${Math.random().toString(36).slice(2)}`,
  };
}
