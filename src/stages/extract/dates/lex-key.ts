/** The key under which a written date word is looked up in a lexicon. */

/** Folded, single spaces, straight apostrophe, no final dot or hyphen: "Févr." -> "fevr", "mi-" -> "mi". */
export function lexKey(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/’/g, "'")
    .replace(/\s+/g, ' ')
    .replace(/[.-]$/, '')
    .trim();
}
