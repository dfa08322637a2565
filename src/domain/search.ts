// Escapes LIKE wildcards so that `q=%` matches a literal percent sign.
export function likePattern(folded: string): string {
  return `%${folded.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
