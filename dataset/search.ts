// Folds text for `q`: case- and accent-insensitive in every script (Biélorussie ~ bielo, Беларусь ~ беларусь).
// The seed builder stores names folded this way and the server folds `q` the same way.
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '')
    .toLocaleLowerCase('und')
    .replace(/\s+/g, ' ')
    .trim();
}
