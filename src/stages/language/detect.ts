/** Language: French or English from function-word counts. Deepened by issue 6. */
import type { Document } from '../../document.js';
import type { Rules } from '../../rules/index.js';

const FR = new Set(['le', 'la', 'les', 'des', 'du', 'et', 'est', 'une', 'pour', 'dans', 'avec', 'sur', 'qui', 'au', 'aux']);
const EN = new Set(['the', 'and', 'of', 'to', 'is', 'for', 'with', 'on', 'that', 'by', 'its', 'at', 'from', 'which']);

export function detectLanguage(doc: Document, _rules: Rules): void {
  let fr = 0;
  let en = 0;
  for (const w of doc.text.toLowerCase().match(/\p{L}+/gu) ?? []) {
    if (FR.has(w)) fr++;
    if (EN.has(w)) en++;
  }
  doc.languageScores = { fr, en };
  doc.language = fr > en ? 'fr' : 'en';
}
