/** Extract places: first version finds nothing; see the issue that deepens it. */
import type { Document } from '../../../document.js';
import type { Rules } from '../../../rules/index.js';

export function extractPlaces(_doc: Document, _rules: Rules): void {}
