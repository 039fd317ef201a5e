import type { TwilioSettings } from './twilio-sms.ts';

/** A recording fetch or delete that did not succeed; `isRetryable` says whether later may work. */
export class RecordingRequestError extends Error {
  override name = 'RecordingRequestError';
  constructor(
    message: string,
    readonly isRetryable: boolean,
  ) {
    super(message);
  }
}

export interface FetchedRecording {
  bytes: Uint8Array;
  /** The Content-Type Twilio answered (the bytes are sniffed again before use). */
  contentType: string;
}

/** Twilio's Recordings resource: the audio of a voicemail, and its deletion. */
export interface RecordingStore {
  /** The recording as MP3 (Twilio converts on request; MP3 plays in every browser). */
  fetch(recordingSid: string, signal?: AbortSignal): Promise<FetchedRecording>;
  /** True when Twilio no longer has it (deleted now, or already gone: 404). */
  remove(recordingSid: string, signal?: AbortSignal): Promise<void>;
}

const recordingSidPattern = /^RE[0-9a-fA-F]{32}$/;
/** A voicemail of ten minutes at MP3's 32 kbit/s is about 2.4 MB; anything far past it is refused. */
export const maximumRecordingBytes = 16 * 1024 * 1024;

/**
 * Talks to `<apiBase>/2010-04-01/Accounts/<sid>/Recordings/<RecordingSid>` with the account's
 * credentials (HTTP Basic), never to the RecordingUrl a webhook names, so a forged callback
 * cannot point the server at another host. Every call has a wall-clock deadline.
 */
export function createTwilioRecordingStore(
  settings: Pick<TwilioSettings, 'apiBase' | 'accountSid' | 'authToken' | 'timeoutMs'>,
  fetchImpl: typeof fetch = fetch,
): RecordingStore {
  const base = `${settings.apiBase.replace(/\/+$/, '')}/2010-04-01/Accounts/${encodeURIComponent(settings.accountSid)}/Recordings`;
  const authorization = `Basic ${Buffer.from(`${settings.accountSid}:${settings.authToken}`).toString('base64')}`;
  const timeoutMs = settings.timeoutMs ?? 20_000;
  const urlOf = (recordingSid: string, extension: string) => {
    if (!recordingSidPattern.test(recordingSid))
      throw new RecordingRequestError('invalid RecordingSid', false);
    return `${base}/${recordingSid}.${extension}`;
  };
  const call = async (url: string, init: RequestInit, signal?: AbortSignal): Promise<Response> => {
    const deadline = AbortSignal.timeout(timeoutMs);
    try {
      return await fetchImpl(url, {
        ...init,
        headers: { authorization },
        signal: signal ? AbortSignal.any([signal, deadline]) : deadline,
      });
    } catch (error) {
      throw new RecordingRequestError(`recording store unreachable: ${(error as Error).name}`, true);
    }
  };
  const isRetryable = (status: number) => status === 408 || status === 429 || status >= 500;
  return {
    async fetch(recordingSid, signal) {
      const response = await call(urlOf(recordingSid, 'mp3'), { method: 'GET' }, signal);
      if (!response.ok) {
        await response.body?.cancel();
        // 404 right after the callback is Twilio still processing: try again later.
        throw new RecordingRequestError(
          `recording fetch answered ${response.status}`,
          isRetryable(response.status) || response.status === 404,
        );
      }
      const declared = Number(response.headers.get('content-length') ?? '0');
      if (declared > maximumRecordingBytes) {
        await response.body?.cancel();
        throw new RecordingRequestError('recording too large', false);
      }
      const bytes = new Uint8Array(await response.arrayBuffer());
      if (bytes.byteLength > maximumRecordingBytes)
        throw new RecordingRequestError('recording too large', false);
      return { bytes, contentType: response.headers.get('content-type') ?? '' };
    },
    async remove(recordingSid, signal) {
      const response = await call(urlOf(recordingSid, 'json'), { method: 'DELETE' }, signal);
      await response.body?.cancel();
      if (response.status === 204 || response.status === 404 || response.ok) return;
      throw new RecordingRequestError(`recording delete answered ${response.status}`, true);
    },
  };
}
