import type { z } from 'zod';
import { AppError } from '../errors/app-error.ts';

/** Parses untrusted input with a zod schema; failures become VALIDATION_FAILED with field paths. */
export function parseInput<Schema extends z.ZodType>(schema: Schema, value: unknown): z.infer<Schema> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new AppError(
    'VALIDATION_FAILED',
    'The request is not valid.',
    result.error.issues.slice(0, 20).map((issue) => ({
      path: issue.path.map(String).join('.'),
      message: issue.message,
    })),
  );
}
