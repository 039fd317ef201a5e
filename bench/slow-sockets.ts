/**
 * Memory under 1,000 slow sockets (issue 27), bounded and local: an in-process Amparo on SQLite
 * listening on 127.0.0.1, 1,000 sockets that each send a 256 KiB report body but its last byte and
 * then stall, RSS sampled for 40 s, then everything closed. Run it with Amparo's limits, or
 * `relaxed` to Node's old behaviour, to compare.
 *
 *   node --expose-gc --import tsx bench/slow-sockets.ts            # Amparo's limits
 *   node --expose-gc --import tsx bench/slow-sockets.ts relaxed    # Node's old behaviour
 */
import { fork } from 'node:child_process';
import net from 'node:net';
import { createTestApp } from '../test/support/app.ts';

const socketCount = 1000;
const bodyBytes = 256 * 1024;
const sampleForMs = 40_000;

const relaxed = {
  AMPARO_HTTP_REQUEST_TIMEOUT_MS: '600000',
  AMPARO_HTTP_IDLE_TIMEOUT_MS: '600000',
  AMPARO_HTTP_MIN_BODY_BYTES_PER_SECOND: '0',
  AMPARO_HTTP_BODY_RATE_GRACE_MS: '120000',
};

async function run(label: string, overrides: Record<string, string>): Promise<void> {
  const testApp = await createTestApp('sqlite', {
    AMPARO_HTTP_MAX_CONNECTIONS_PER_ADDRESS: '0', // every socket comes from 127.0.0.1 here
    ...overrides,
  });
  await testApp.app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = testApp.app.server.address() as net.AddressInfo;
  globalThis.gc?.();
  const baseline = process.memoryUsage().rss;
  // The sockets live in a child process, so their buffers are not counted here.
  const client = fork(new URL(import.meta.url), ['client', String(port)], { execArgv: ['--import', 'tsx'] });
  let open = socketCount;
  client.on('message', (message: { open: number }) => (open = message.open));
  const started = Date.now();
  const samples: string[] = [];
  let peak = 0;
  while (Date.now() - started < sampleForMs) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    globalThis.gc?.();
    const usage = process.memoryUsage();
    const added = (usage.rss - baseline) / 1024 / 1024;
    // RSS rarely shrinks once grown; buffers held by requests show in arrayBuffers.
    const buffers = usage.arrayBuffers / 1024 / 1024;
    peak = Math.max(peak, added);
    samples.push(
      `${Math.round((Date.now() - started) / 1000)}s: RSS +${added.toFixed(0)} MB, buffers ${buffers.toFixed(0)} MB, ${open} open`,
    );
  }
  console.log(`${label}: peak +${peak.toFixed(0)} MB RSS over baseline`);
  for (const sample of samples) console.log(`  ${sample}`);
  client.kill();
  await testApp.close();
}

/** The child: opens the sockets, sends all but the last byte of each body, reports how many stay open. */
function runClient(port: number): void {
  const head = `POST /webhooks/twilio/status HTTP/1.1\r\nHost: 127.0.0.1\r\ncontent-type: application/x-www-form-urlencoded\r\ncontent-length: ${bodyBytes}\r\n\r\n`;
  const filler = 'a'.repeat(bodyBytes - 1);
  let open = 0;
  for (let index = 0; index < socketCount; index += 1) {
    const socket = net.connect({ host: '127.0.0.1', port });
    open += 1;
    socket.on('error', () => undefined);
    socket.once('close', () => (open -= 1));
    socket.write(head + filler);
  }
  setInterval(() => process.send?.({ open }), 500);
  setTimeout(() => process.exit(0), sampleForMs + 5000).unref();
}

if (process.argv[2] === 'client') {
  runClient(Number(process.argv[3]));
} else if (process.argv[2] !== 'relaxed') {
  await run("Amparo's limits (defaults)", {});
} else {
  await run("Node's old behaviour (no deadlines, no floor)", relaxed);
}
