// Folds text for `q`: case- and accent-insensitive in every script (Biélorussie ~ bielo, Беларусь ~ беларусь).
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '')
    .toLocaleLowerCase('und')
    .replace(/\s+/g, ' ')
    .trim();
}

// Escapes LIKE wildcards so that `q=%` matches a literal percent sign.
export function likePattern(folded: string): string {
  return `%${folded.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
