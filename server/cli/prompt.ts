import { CommandFailed } from './io.ts';
import type { CliIo } from './io.ts';

const maxSecretLength = 1024;

/**
 * Reads a secret. From a terminal: prompts on stderr and reads without echo, twice to confirm
 * (once with `isConfirmed: false`, to enter an existing secret). From a
 * pipe (`echo "$PASSWORD" | amparo create-admin ...`): the first line of standard input.
 */
export async function readSecret(
  io: CliIo,
  label: string,
  options: { isConfirmed?: boolean } = {},
): Promise<string> {
  if (io.stdin.isTTY && io.stdin.setRawMode) {
    const first = await readHiddenLine(io, `${label}: `);
    if (options.isConfirmed === false) return first;
    const second = await readHiddenLine(io, `${label} again: `);
    if (first !== second) throw new CommandFailed('The two entries differ; nothing was changed.');
    return first;
  }
  return readFirstLine(io.stdin);
}

async function readFirstLine(stream: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of stream) {
    text += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    const newline = text.search(/\r?\n/);
    if (newline >= 0) return text.slice(0, newline);
    if (text.length > maxSecretLength) break;
  }
  return text.slice(0, maxSecretLength + 1);
}

function readHiddenLine(io: CliIo, prompt: string): Promise<string> {
  const stdin = io.stdin;
  io.stderr.write(prompt);
  stdin.setRawMode?.(true);
  stdin.resume();
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = (error: Error | null): void => {
      stdin.setRawMode?.(false);
      stdin.pause();
      stdin.removeListener('data', onData);
      io.stderr.write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: Buffer | string): void => {
      for (const character of chunk.toString()) {
        if (character === '\r' || character === '\n') return finish(null);
        if (character === '\u0003') return finish(new CommandFailed('Cancelled.'));
        if (character === '\u007f' || character === '\b') value = value.slice(0, -1);
        else if (value.length < maxSecretLength) value += character;
      }
    };
    stdin.on('data', onData);
  });
}
