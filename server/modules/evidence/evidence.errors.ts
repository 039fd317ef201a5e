import { registerErrorCodes } from '../../platform/errors/app-error.ts';

registerErrorCodes({
  EVIDENCE_NOT_FOUND: 404,
  EVIDENCE_NO_SHARED_COPY: 404,
  /** Too many bytes, or too many pixels (a decompression bomb). */
  MEDIA_TOO_LARGE: 413,
  /** Bytes that are not what they claim, or that the image decoder rejects. */
  MEDIA_INVALID: 400,
  /** A file type evidence does not take (only JPEG, PNG, WebP photos and MP4, WebM videos). */
  MEDIA_TYPE_UNSUPPORTED: 415,
  /** A stored file failed authentication or its hash: tampering or disk damage. */
  EVIDENCE_INTEGRITY_FAILED: 500,
});
