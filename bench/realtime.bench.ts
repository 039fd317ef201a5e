import { maximumStreamsPerMember } from '../server/modules/system/realtime/index.ts';
import type { DialectName } from '../server/platform/database/database.ts';
import { openStream } from '../test/realtime/sse-client.ts';
import type { StreamClient } from '../test/realtime/sse-client.ts';
import { formatNumber, ratioOf } from './results.ts';
import type { BenchRow } from './results.ts';
import { startSeededServer } from './seed.ts';
import { percentile } from './timing.ts';

const wallClock = () => performance.timeOrigin + performance.now();

/**
 * From an incident change (a public report that opens or joins an incident, over HTTP) to its
 * arrival at every connected dispatcher stream, on a real server process. The baseline is the
 * report's own HTTP round trip: the change is committed when the POST answers.
 */
export async function benchRealtime(
  dialect: DialectName,
  sizes: { clients: number; changes: number },
): Promise<BenchRow[]> {
  const dispatchers = Math.ceil(sizes.clients / maximumStreamsPerMember);
  const seeded = await startSeededServer(dialect, { dispatchers });
  const streams: StreamClient[] = [];
  try {
    for (let index = 0; index < sizes.clients; index += 1) {
      const cookie = seeded.cookies[index % seeded.cookies.length]!;
      const stream = await openStream(`${seeded.server.url}/api/realtime`, { cookie });
      streams.push(stream);
      if (stream.status !== 200)
        throw new Error(`stream refused: ${stream.status} ${JSON.stringify(stream.body)}`);
    }
    const latencies: number[] = [];
    const roundTrips: number[] = [];
    for (let change = 0; change < sizes.changes; change += 1) {
      const sentAt = wallClock();
      const arrivals = streams.map((stream) =>
        stream.waitFor(
          (message) => message.receivedAt >= sentAt && message.event.startsWith('incident.'),
          15_000,
        ),
      );
      const response = await fetch(`${seeded.server.url}/api/public/${seeded.slug}/reports`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          category: 'checkpoint',
          location: { lat: 41.7 + change * 0.02, lon: -87.7 },
          description: `realtime bench ${change}`,
        }),
        signal: AbortSignal.timeout(10_000),
      });
      roundTrips.push(wallClock() - sentAt);
      if (response.status !== 201) throw new Error(`report refused: ${response.status}`);
      for (const message of await Promise.all(arrivals)) latencies.push(message.receivedAt - sentAt);
    }
    const p50 = percentile(latencies, 0.5);
    const roundTrip = percentile(roundTrips, 0.5);
    return [
      {
        section: 'realtime (SSE)',
        database: dialect,
        figure: 'change → arrival p50 / p99 (ms)',
        value: `${formatNumber(p50)} / ${formatNumber(percentile(latencies, 0.99))}`,
        baseline: `${formatNumber(roundTrip)} ms report round trip p50`,
        ratio: ratioOf(p50, roundTrip),
        note: `${sizes.clients} streams (${dispatchers} dispatchers), ${sizes.changes} changes, ${latencies.length} arrivals`,
      },
    ];
  } finally {
    for (const stream of streams) stream.close();
    await seeded.stop();
  }
}
