import http from 'node:http';
import { CommandFailed, UsageError, writeLine } from '../io.ts';
import type { CliIo } from '../io.ts';
import { readSecret } from '../prompt.ts';
import { loadCliConfig } from '../runtime.ts';

/**
 * `amparo unseal`: sends the keyring passphrase to the sealed server on this machine over its local
 * socket (beside the key file, reachable only by the service's user). ADR 0030.
 */
export async function unsealCommand(io: CliIo, args: string[]): Promise<number> {
  if (args.length > 0) throw new UsageError(`Unexpected argument: ${args[0]}`);
  const config = loadCliConfig(io);
  const socketPath = config.keys.unsealSocket;
  const passphrase = await readSecret(io, 'Keyring passphrase', { isConfirmed: false });
  const answer = await postJson(socketPath, '/api/system/unseal', { passphrase });
  if (answer.status === 200) {
    writeLine(io.stdout, 'Unsealed: the server is starting in full.');
    return 0;
  }
  const code = answer.code ?? `HTTP ${answer.status}`;
  if (code === 'UNSEAL_PASSPHRASE_WRONG') {
    throw new CommandFailed('Wrong passphrase: the keyring did not open. Nothing was changed.');
  }
  if (code === 'UNSEAL_RATE_LIMITED') {
    throw new CommandFailed(
      `Too many unseal attempts; try again in ${answer.retryAfter ?? 'a few'} seconds. Nothing was changed.`,
    );
  }
  throw new CommandFailed(`The server refused to unseal (${code}).`);
}

interface Answer {
  status: number;
  code?: string;
  retryAfter?: string;
}

function postJson(socketPath: string, path: string, body: unknown): Promise<Answer> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        socketPath,
        path,
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
        timeout: 60_000,
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => {
          let code: string | undefined;
          try {
            code = (JSON.parse(text) as { error?: { code?: string } }).error?.code;
          } catch {
            code = undefined;
          }
          const retryAfter = response.headers['retry-after'];
          resolve({
            status: response.statusCode ?? 0,
            code,
            retryAfter: typeof retryAfter === 'string' ? retryAfter : undefined,
          });
        });
      },
    );
    request.on('timeout', () => request.destroy(new Error('timed out')));
    request.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT' || error.code === 'ECONNREFUSED') {
        reject(
          new CommandFailed(
            `No sealed server is listening at ${socketPath}: the server is not running, or is already unsealed.`,
          ),
        );
      } else
        reject(new CommandFailed(`Could not reach the sealed server at ${socketPath}: ${error.message}`));
    });
    request.end(payload);
  });
}
