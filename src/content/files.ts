import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The markdown files under dir (recursively, sorted; READMEs excluded): one question or step each. */
export function listMarkdown(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...listMarkdown(path));
    else if (name.endsWith('.md') && name !== 'README.md') out.push(path);
  }
  return out;
}
