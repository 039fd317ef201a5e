import net from 'node:net';
import type { AddressInfo } from 'node:net';

export interface ReceivedEmail {
  from: string;
  to: string[];
  /** Headers as sent (unfolded), by lower-case name. */
  headers: Record<string, string>;
  /** The decoded text body (quoted-printable or base64 undone). */
  text: string;
}

export interface FakeSmtp {
  /** Use as SMTP_URL. */
  url: string;
  messages: ReceivedEmail[];
  /** Answer RCPT TO for this address with `code` (450: try later, 550: no such mailbox), `times` times. */
  refuseRecipient(address: string, code: number, times?: number): void;
  close(): Promise<void>;
}

/** The smallest SMTP server nodemailer can talk to: records each message, accepts everything. */
export async function startFakeSmtp(): Promise<FakeSmtp> {
  const messages: ReceivedEmail[] = [];
  const refusals = new Map<string, { code: number; remaining: number }>();
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let buffer = '';
    let isData = false;
    let envelope = { from: '', to: [] as string[] };
    socket.write('220 fake-smtp ESMTP\r\n');
    socket.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      for (;;) {
        if (isData) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end < 0) return;
          messages.push(parseMessage(envelope, buffer.slice(0, end)));
          buffer = buffer.slice(end + 5);
          isData = false;
          envelope = { from: '', to: [] };
          socket.write('250 2.0.0 queued\r\n');
          continue;
        }
        const newline = buffer.indexOf('\r\n');
        if (newline < 0) return;
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 2);
        const command = line.slice(0, 4).toUpperCase();
        if (command === 'EHLO' || command === 'HELO') socket.write('250 fake-smtp\r\n');
        else if (command === 'MAIL') {
          envelope.from = /<([^>]*)>/.exec(line)?.[1] ?? '';
          socket.write('250 2.1.0 ok\r\n');
        } else if (command === 'RCPT') {
          const address = /<([^>]*)>/.exec(line)?.[1] ?? '';
          const refusal = refusals.get(address);
          if (refusal && refusal.remaining > 0) {
            refusal.remaining -= 1;
            socket.write(
              `${refusal.code} ${refusal.code >= 500 ? '5.1.1 no such mailbox' : '4.2.1 try later'}\r\n`,
            );
            continue;
          }
          envelope.to.push(address);
          socket.write('250 2.1.5 ok\r\n');
        } else if (command === 'DATA') {
          isData = true;
          socket.write('354 go ahead\r\n');
        } else if (command === 'QUIT') {
          socket.end('221 bye\r\n');
        } else socket.write('250 ok\r\n');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    refuseRecipient: (address, code, times = Number.POSITIVE_INFINITY) => {
      refusals.set(address, { code, remaining: times });
    },
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function parseMessage(envelope: { from: string; to: string[] }, raw: string): ReceivedEmail {
  const separator = raw.indexOf('\r\n\r\n');
  const headerText = raw.slice(0, separator).replace(/\r\n[ \t]+/g, ' ');
  const headers: Record<string, string> = {};
  for (const line of headerText.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  const body = raw.slice(separator + 4).replace(/^\.\./gm, '.');
  const encoding = (headers['content-transfer-encoding'] ?? '').toLowerCase();
  const text =
    encoding === 'base64'
      ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
      : encoding === 'quoted-printable'
        ? Buffer.from(
            body
              .replace(/=\r\n/g, '')
              .replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
            'latin1',
          ).toString('utf8')
        : body;
  return { from: envelope.from, to: envelope.to, headers, text };
}
