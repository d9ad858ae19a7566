/**
 * Markdown to terminal text with marked + marked-terminal (imported lazily: about 200 ms).
 * Raw escape characters in content are removed first, so content cannot drive the terminal.
 */
import { sanitizeForTerminal } from '../terminal-text.js';

export const stripAnsi = (text: string): string => text.replace(/\u001b\[[0-9;?]*[ -\/]*[@-~]|\u001b[@-_]|\u001b/g, '');

export async function renderMarkdownToAnsi(markdown: string, options: { width?: number } = {}): Promise<string> {
  const [{ Marked }, { markedTerminal }] = await Promise.all([import('marked'), import('marked-terminal')]);
  const marked = new Marked(markedTerminal({ reflowText: true, width: options.width ?? 80, tab: 2 }) as never);
  return (marked.parse(sanitizeForTerminal(markdown)) as string).replace(/\n+$/, '');
}
