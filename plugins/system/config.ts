import { z } from 'atoll/plugin';

/** Read from `SYSTEM_BUILD`: the build label shown by `/api/v1/system/info` (a commit, a tag). */
export const systemConfigSchema = z.object({
  build: z
    .string()
    .regex(/^[\w.+-]{1,64}$/, 'must be 1-64 letters, digits, dots, dashes or underscores')
    .default('dev'),
});

export type SystemConfig = z.output<typeof systemConfigSchema>;
