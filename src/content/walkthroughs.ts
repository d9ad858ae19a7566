/** Lifecycle walkthroughs: numbered markdown steps, each naming the lab stage that does it. */
import matter from 'gray-matter';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { sanitizeForTerminal } from '../terminal-text.js';

export const walkthroughStepSchema = z
  .object({
    step: z.number().int().min(1),
    phase: z.enum(['data-preparation', 'modeling', 'deployment', 'monitoring']),
    title: z.string().min(3),
    labStage: z.string().regex(/^(churn|segment|abtest):[a-z-]+$/),
    relatedQuestions: z.array(z.string()).default([]),
  })
  .strict();

export type WalkthroughStep = z.infer<typeof walkthroughStepSchema> & { file: string; body: string };

export function loadWalkthrough(dir: string): WalkthroughStep[] {
  return readdirSync(dir)
    .filter((f) => /^\d+-.+\.md$/.test(f))
    .sort()
    .map((f) => {
      const parsed = matter(readFileSync(join(dir, f), 'utf8'));
      const result = walkthroughStepSchema.safeParse(parsed.data);
      if (!result.success) throw new Error(`${f}: ${result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      return { ...result.data, title: sanitizeForTerminal(result.data.title), file: f, body: sanitizeForTerminal(parsed.content.trim()) };
    });
}
