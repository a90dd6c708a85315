/** The key under which a written date word is looked up in a lexicon. */

/** Folded, single spaces, straight apostrophe, no final dot or hyphen: "Févr." -> "fevr", "mi-" -> "mi". */
export function lexKey(s: string): string {
  // Plain ASCII letters (most date words): only the case changes
  let letters = true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i) | 32;
    if (c < 97 || c > 122) {
      letters = false;
      break;
    }
  }
  if (letters) return s.toLowerCase();
  return s
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/’/g, "'")
    .replace(/\s+/g, ' ')
    .replace(/[.-]$/, '')
    .trim();
}
