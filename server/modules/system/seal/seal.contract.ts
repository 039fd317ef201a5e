import { z } from 'zod';

/** The unseal page and `amparo unseal` send the keyring passphrase; nothing else is accepted. */
export const unsealRequestSchema = z.object({ passphrase: z.string().min(1).max(1024) }).strict();

export type UnsealRequest = z.infer<typeof unsealRequestSchema>;

/** What a sealed server says about itself (GET /api/system/seal); it holds nothing else to say. */
export interface SealStatus {
  status: 'sealed' | 'unsealing';
}

/** The answer to a right passphrase: the server starts in full within seconds. */
export interface UnsealAnswer {
  status: 'unsealing';
}
