import { z } from 'zod';

/** What a "show" button carries (src/cards/actions.ts); a gap reference may ride along. */
export const ShowData = z.object({ entryId: z.string().min(1).max(200) });

/** What a feedback button carries. */
export const FeedbackData = z.object({
  entryId: z.string().min(1).max(200),
  helpful: z.boolean(),
});
