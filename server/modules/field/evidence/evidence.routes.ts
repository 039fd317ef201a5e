import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { PlatformContext } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { parseInput } from '../../../platform/http/validation.ts';
import { createAuthenticator } from '../../identity/index.ts';
import { idempotencyHeadersSchema } from '../dispatch/dispatch.contract.ts';
import { evidenceDepsFrom } from './evidence.deps.ts';
import {
  evidenceParamsSchema,
  exportParamsSchema,
  incidentParamsSchema,
  offerParamsSchema,
} from './evidence.contract.ts';
import type {
  EvidenceExportAnswer,
  EvidenceLimits,
  EvidenceLimitsAnswer,
  EvidenceReceipt,
} from './evidence.contract.ts';
import { downloadEvidenceExport } from './evidence-download.service.ts';
import {
  approveEvidenceExport,
  listEvidenceExports,
  requestEvidenceExport,
} from './evidence-export.service.ts';
import { uploadLimitsFor } from './evidence-limits.ts';
import { listIncidentEvidence, readSharedCopy } from './evidence-reads.service.ts';
import { receiveEvidence } from './evidence-upload.service.ts';
import { getLegalHold, liftLegalHold, placeLegalHold } from './legal-hold.service.ts';
import { legalHoldSchema } from './evidence.contract.ts';
import type { IncomingFile } from './evidence-upload.service.ts';

/**
 * Uploads (multipart, in their own plugin scope so no other route accepts multipart bodies),
 * evidence lists, shared copies, and two-person exports (request, approve, download once).
 */
export function registerEvidenceApiRoutes(app: FastifyInstance, context: PlatformContext): void {
  const deps = evidenceDepsFrom(context);
  const authenticator = createAuthenticator(context);

  void app.register(async (scope) => {
    await scope.register(fastifyMultipart, {
      limits: { files: 1, fields: 4, fieldSize: 1024, parts: 5, headerPairs: 50 },
    });
    scope.post('/api/offers/:offerId/evidence', async (request, reply) => {
      const principal = await authenticator.requirePrincipal(request);
      const { offerId } = parseInput(offerParamsSchema, request.params);
      const { 'idempotency-key': clientKey } = parseInput(idempotencyHeadersSchema, request.headers);
      const evidence = await receiveEvidence(
        deps,
        principal,
        offerId,
        () => openUpload(request, deps.limits),
        clientKey ?? null,
      );
      return reply.status(201).send({ evidence } satisfies EvidenceReceipt);
    });
  });

  app.get('/api/evidence/limits', async (request) => {
    const principal = await authenticator.requirePrincipal(request);
    return { limits: uploadLimitsFor(deps, principal) } satisfies EvidenceLimitsAnswer;
  });

  app.get('/api/incidents/:incidentId/evidence', async (request) => {
    const principal = await authenticator.requirePrincipal(request);
    const { incidentId } = parseInput(incidentParamsSchema, request.params);
    return listIncidentEvidence(deps, principal, incidentId);
  });

  app.get('/api/evidence/:evidenceId/shared', async (request, reply) => {
    const principal = await authenticator.requirePrincipal(request);
    const { evidenceId } = parseInput(evidenceParamsSchema, request.params);
    const copy = await readSharedCopy(deps, principal, evidenceId);
    return reply
      .header('content-type', copy.mediaType)
      .header('cache-control', 'no-store')
      .header('content-disposition', 'inline')
      .header('content-length', copy.sizeBytes)
      .header('x-content-sha256', copy.sha256)
      .send(copy.body);
  });

  app.post('/api/incidents/:incidentId/evidence-exports', async (request, reply) => {
    const principal = await authenticator.requirePrincipal(request);
    const { incidentId } = parseInput(incidentParamsSchema, request.params);
    const created = await requestEvidenceExport(deps, principal, incidentId);
    return reply.status(201).send({ export: created } satisfies EvidenceExportAnswer);
  });

  app.get('/api/incidents/:incidentId/evidence-exports', async (request) => {
    const principal = await authenticator.requirePrincipal(request);
    const { incidentId } = parseInput(incidentParamsSchema, request.params);
    return listEvidenceExports(deps, principal, incidentId);
  });

  app.post('/api/evidence-exports/:exportId/approve', async (request) => {
    const principal = await authenticator.requirePrincipal(request);
    const { exportId } = parseInput(exportParamsSchema, request.params);
    return { export: await approveEvidenceExport(deps, principal, exportId) } satisfies EvidenceExportAnswer;
  });

  // POST, not GET: the download consumes the export and must carry the CSRF token.
  app.post('/api/evidence-exports/:exportId/download', async (request, reply) => {
    const principal = await authenticator.requirePrincipal(request);
    const { exportId } = parseInput(exportParamsSchema, request.params);
    const bundle = await downloadEvidenceExport(deps, principal, exportId);
    return reply
      .header('content-type', 'application/zip')
      .header('cache-control', 'no-store')
      .header('content-disposition', `attachment; filename="${bundle.fileName}"`)
      .send(bundle.stream);
  });

  // Issue 15 §2: a coordinator's legal hold keeps the incident's evidence from deletion.
  app.get('/api/incidents/:incidentId/legal-hold', async (request) => {
    const principal = await authenticator.requirePrincipal(request);
    const { incidentId } = parseInput(incidentParamsSchema, request.params);
    return getLegalHold(deps, principal, incidentId);
  });

  app.put('/api/incidents/:incidentId/legal-hold', async (request) => {
    const principal = await authenticator.requirePrincipal(request);
    const { incidentId } = parseInput(incidentParamsSchema, request.params);
    const input = parseInput(legalHoldSchema, request.body);
    return placeLegalHold(deps, principal, incidentId, input);
  });

  app.delete('/api/incidents/:incidentId/legal-hold', async (request) => {
    const principal = await authenticator.requirePrincipal(request);
    const { incidentId } = parseInput(incidentParamsSchema, request.params);
    return liftLegalHold(deps, principal, incidentId);
  });
}

/** The single file part, with the transport's own cap just above the largest allowed file. */
async function openUpload(request: FastifyRequest, limits: EvidenceLimits): Promise<IncomingFile | null> {
  if (!request.isMultipart()) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the file as multipart/form-data.');
  }
  const fileSize = Math.max(limits.photoMaxBytes, limits.videoMaxBytes) + 1;
  try {
    const part = await request.file({ limits: { fileSize }, throwFileSizeLimit: false });
    if (!part) return null;
    return { stream: malformedAsInvalid(part.file), isTruncated: () => part.file.truncated };
  } catch {
    throw malformedUpload();
  }
}

/** A multipart body cut short or garbled is the client's fault: MEDIA_INVALID, never a 500. */
async function* malformedAsInvalid(stream: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  try {
    for await (const chunk of stream) yield chunk;
  } catch {
    throw malformedUpload();
  }
}

function malformedUpload(): AppError {
  return new AppError('MEDIA_INVALID', 'The upload could not be read as multipart/form-data.');
}
