// marked-terminal 7 ships no types; prep uses only the extension factory.
declare module 'marked-terminal' {
  export function markedTerminal(options?: Record<string, unknown>, highlightOptions?: Record<string, unknown>): unknown;
}
