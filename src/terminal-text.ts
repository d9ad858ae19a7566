/**
 * Text from files, datasets and users is shown on a terminal, where control characters are
 * commands: ESC sequences set the title or clear the screen, \r and \b overwrite what was printed,
 * BEL rings, U+009B starts a sequence like ESC [. Everything that reaches a terminal from outside
 * passes through here: escape sequences are removed whole, then every other C0 and C1 control
 * except newline and tab. A CRLF line end becomes a newline.
 */
// ESC [ ... final, ESC ] ... BEL or ESC \ (OSC), other two-byte ESC sequences, and C1 CSI/OSC forms
const escapeSequence = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)?|\u001b[@-_]|\u009b[0-?]*[ -/]*[@-~]|\u009d[^\u0007\u009c]*(?:\u0007|\u009c)?/g;
// C0 except \t (09) and \n (0A), DEL, and C1
const controlCharacter = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

export function sanitizeForTerminal(text: string): string {
  return text.replace(/\r\n/g, '\n').replace(escapeSequence, '').replace(controlCharacter, '');
}

/** The first control character (other than newline, tab and a CRLF's CR) in text, with its index. */
export function findControlCharacter(text: string): { index: number; code: number } | undefined {
  const m = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]|\r(?!\n)/.exec(text);
  return m ? { index: m.index, code: m[0].charCodeAt(0) } : undefined;
}
