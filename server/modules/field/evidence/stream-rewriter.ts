import { AppError } from '../../../platform/errors/app-error.ts';

/**
 * An in-place rewriter fed a file chunk by chunk. Each call returns the bytes decided so far; in
 * all, exactly as many bytes as it was given (some overwritten), so no offset inside the file
 * moves. Between calls it keeps at most one unfinished box or element header, never the file.
 */
export interface StreamRewriter {
  push(chunk: Buffer): Buffer;
  /** Called after the last chunk: throws MEDIA_INVALID if the file ended inside a box. */
  end(): void;
}

export type PayloadMode =
  /** Pass the payload through, or overwrite it with zeros; null: up to the end of the file. */
  | { kind: 'copy' | 'zero'; remaining: number | null }
  /** Read headers next: the box's children (a container walked into), or its next sibling. */
  | { kind: 'boxes' };

/** The container format's side: how long a header is, and what to do with each box. */
export interface BoxWalker {
  /**
   * Header bytes needed in all, judged from the `filled` bytes held so far (more than `filled` until
   * complete). A header may take in fields at the start of the payload that are to be rewritten
   * (an MP4 full box's version and times), so they are whole however the file is chunked.
   */
  headerLength(header: Buffer, filled: number): number;
  /** A complete header of a box starting at `start`: the bytes to emit for it, and its payload's fate. */
  openBox(header: Buffer, start: number): { emit: Buffer; payload: PayloadMode };
  /** Before each header and at the end of the file: close the containers that end at `offset`. */
  closeContainers(offset: number): void;
  /** At the end of the file (after closeContainers): throw if a container is still open. */
  finish(offset: number): void;
}

/** Drives a walker over the chunks: headers are held until complete, payloads stream through. */
export function createStreamRewriter(walker: BoxWalker, maxHeaderBytes: number): StreamRewriter {
  const header = Buffer.alloc(maxHeaderBytes);
  let filled = 0;
  let offset = 0;
  let mode: PayloadMode = { kind: 'boxes' };

  return {
    push(chunk) {
      const output: Buffer[] = [];
      let at = 0;
      while (at < chunk.length) {
        if (mode.kind === 'boxes') {
          if (filled === 0) walker.closeContainers(offset);
          const wanted = walker.headerLength(header, filled);
          if (wanted > maxHeaderBytes) throw malformedVideo('header too long');
          const taken = chunk.copy(header, filled, at, at + Math.max(1, wanted - filled));
          filled += taken;
          at += taken;
          offset += taken;
          if (walker.headerLength(header, filled) > filled) continue;
          const opened = walker.openBox(header.subarray(0, filled), offset - filled);
          filled = 0;
          output.push(opened.emit);
          mode =
            opened.payload.kind !== 'boxes' && opened.payload.remaining === 0
              ? { kind: 'boxes' }
              : opened.payload;
          continue;
        }
        const length =
          mode.remaining === null ? chunk.length - at : Math.min(mode.remaining, chunk.length - at);
        output.push(mode.kind === 'copy' ? chunk.subarray(at, at + length) : Buffer.alloc(length));
        at += length;
        offset += length;
        if (mode.remaining !== null) {
          mode.remaining -= length;
          if (mode.remaining === 0) mode = { kind: 'boxes' };
        }
      }
      return output.length === 1 ? output[0]! : Buffer.concat(output);
    },
    end() {
      if (filled > 0) throw malformedVideo('the file ends inside a header');
      if (mode.kind !== 'boxes' && mode.remaining !== null)
        throw malformedVideo('the file ends inside a box');
      walker.closeContainers(offset);
      walker.finish(offset);
    },
  };
}

/** The file's structure cannot be walked safely, so no copy of it can be promised clean. */
export function malformedVideo(detail: string): AppError {
  return new AppError('MEDIA_INVALID', 'The video could not be read.', [{ path: 'file', message: detail }]);
}
