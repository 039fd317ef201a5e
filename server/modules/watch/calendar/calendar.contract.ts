import { z } from 'zod';

export const calendarFeedParamsSchema = z.object({
  token: z
    .string()
    .regex(/^[A-Za-z0-9_-]{43}\.ics$/)
    .transform((value) => value.slice(0, -4)),
});

export const signupEventParamsSchema = z.object({ signupId: z.uuid() });

export interface CalendarFeedState {
  isActive: boolean;
  createdAt: number | null;
}

/** The feed's URL, shown once when it is made (only its hash is kept). */
export interface CalendarFeedCreated {
  url: string;
}
