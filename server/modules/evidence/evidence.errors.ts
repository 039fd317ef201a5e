import { registerErrorCodes } from '../../platform/errors/app-error.ts';

registerErrorCodes({
  EVIDENCE_NOT_FOUND: 404,
  EVIDENCE_NO_SHARED_COPY: 404,
  /** Too many bytes, or too many pixels (a decompression bomb). */
  MEDIA_TOO_LARGE: 413,
  /** Bytes that are not what they claim, that the image decoder rejects, or a malformed video box tree. */
  MEDIA_INVALID: 400,
  /** A file type evidence does not take (only JPEG, PNG, WebP photos and MP4, WebM videos). */
  MEDIA_TYPE_UNSUPPORTED: 415,
  /** A stored file failed authentication or its hash: tampering or disk damage. */
  EVIDENCE_INTEGRITY_FAILED: 500,
  /** No export request with that id in the caller's reach. */
  EXPORT_NOT_FOUND: 404,
  /** The export has not been approved by a second person yet. */
  EXPORT_NEEDS_APPROVAL: 409,
  /** The requester tried to approve their own export: two different people are needed. */
  EXPORT_SELF_APPROVAL: 403,
  /** Someone already approved this export. */
  EXPORT_ALREADY_APPROVED: 409,
  /** The request lapsed unapproved, or the download window after approval closed. */
  EXPORT_EXPIRED: 410,
  /** The bundle was already downloaded; an export is downloaded once. */
  EXPORT_ALREADY_DOWNLOADED: 410,
  /** Only the member who requested the export may download it. */
  EXPORT_NOT_REQUESTER: 403,
});
