/** The error body every AppError becomes (server/platform/http/error-handler.ts). */
export interface ErrorBody {
  error: { code: string; message: string; details?: { path?: string; message: string }[] };
}

export interface PendingInvitationBody {
  id: string;
  roles: { role: string; areaId: string | null }[];
  createdBy: string;
  createdAt: number;
  expiresAt: number;
}
