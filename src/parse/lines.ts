/**
 * Lines of a text file: a line ends at LF, CRLF or a lone CR (old Mac files), as in the `.m`
 * lexer, so every line-based input (CSV, id lists, jobs files) numbers its lines the same way.
 */
export function splitLines(text: string): string[] {
  return text.includes('\r') ? text.split(/\r\n?|\n/) : text.split('\n');
}
