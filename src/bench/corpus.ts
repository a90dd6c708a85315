/**
 * The benchmark corpus: N documents built deterministically (same N and seed, same bytes) from
 * real releases.
 *
 * - English: the real wire releases of ../shared/corpus/wire-en, in name order. Past the first
 *   round, a reused release gets its body paragraphs shuffled and its digits changed, so that no
 *   two documents have the same text (identical texts would be folded into one record by the
 *   deduplication and make the benchmark look faster than it is).
 * - French (one document in five): variations of the French fixtures: a new lead paragraph
 *   (place, date, a spokesperson's name and role, an amount), the fixture's paragraphs
 *   shuffled, names, dates and figures changed; one French document in three is written as HTML.
 *
 * Documents go in sub-folders of 1,000 so no folder grows huge.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DEFAULT_WIRE_DIR = join(REPO, '..', 'shared', 'corpus', 'wire-en');
export const DEFAULT_SEEDS_DIR = join(REPO, 'fixtures', 'seeds');

export interface CorpusOptions {
  /** Number of documents. */
  docs: number;
  /** Folder to write into (created). */
  outDir: string;
  /** Seed of the pseudo-random choices. Default 1. */
  seed?: number;
  wireDir?: string;
  /** Folder of the fixtures; the French ones among them are varied. */
  seedsDir?: string;
}

export interface CorpusDocument {
  path: string;
  language: 'en' | 'fr';
  format: 'markdown' | 'text' | 'html';
  bytes: number;
}

export interface Corpus {
  dir: string;
  documents: CorpusDocument[];
  bytes: number;
}

/** A small, fast, seedable generator (mulberry32): the same seed gives the same corpus. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(rnd: () => number, items: readonly T[]): T => items[Math.floor(rnd() * items.length)]!;

function shuffle<T>(rnd: () => number, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/** Replaces every digit by another one (keeping a leading digit non-zero), so figures change. */
function changeDigits(rnd: () => number, text: string): string {
  return text.replace(/\d+/g, (run) => {
    let out = '';
    for (let i = 0; i < run.length; i++) out += String(i === 0 && run.length > 1 ? 1 + Math.floor(rnd() * 9) : Math.floor(rnd() * 10));
    return out;
  });
}

const paragraphs = (text: string): string[] => text.split(/\n\s*\n/).filter((p) => p.trim());

/** Fixtures whose text reads as French (function words that English never uses). */
export function frenchFixtures(seedsDir: string): string[] {
  return readdirSync(seedsDir)
    .filter((n) => n.endsWith('.txt'))
    .sort()
    .map((n) => readFileSync(join(seedsDir, n), 'utf8'))
    .filter((t) => (t.match(/(?:^|[\s'’])(?:le|la|les|des|du|est|une|avec|pour|dans|sont)(?=\s)/gi) ?? []).length > 20);
}

const FR_FIRST = ['Marie', 'Hélène', 'Sophie', 'Élodie', 'Camille', 'Nathalie', 'Isabelle', 'Claire', 'Jean', 'François', 'Pierre', 'Mathieu', 'Étienne', 'Philippe', 'Laurent', 'Benoît', 'Thierry', 'Cécile', 'Agnès', 'Loïc'];
const FR_LAST = ['Dupont', 'Lefèvre', 'Moreau', 'Garnier', 'Rousseau', 'Lemaire', 'Fabre', 'Chevalier', 'Mercier', 'Girard', 'Bonnet', 'Faure', 'Gauthier', 'Perrin', 'Morel', 'Fournier', 'Robin', 'Clément', 'Barbier', 'Leroy'];
const FR_ROLES = ['présidente du CNES', 'directeur général délégué du CNES', 'directrice de la stratégie', 'directeur du Centre spatial de Toulouse', 'ministre chargée de la Recherche', 'directeur des programmes', 'responsable des partenariats internationaux'];
const FR_CITIES = ['Paris', 'Toulouse', 'Kourou', 'Bordeaux', 'Lyon', 'Marseille', 'Strasbourg', 'Nantes'];
const FR_MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];
const FR_DAYS = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi'];
const FR_PARTNERS = ["l'Agence spatiale européenne", 'le CNRS', "l'Inria", 'Airbus Defence and Space', 'Thales Alenia Space', "l'Onera", 'Météo-France', "l'université Toulouse III - Paul Sabatier"];
const FR_OBJECTS = ["un programme d'observation de la Terre", "une mission d'étude du climat", 'un nouveau satellite de télécommunications', "un instrument d'exploration de Mars", 'un démonstrateur de lanceur réutilisable'];

function frenchLead(rnd: () => number): string {
  const name = `${pick(rnd, FR_FIRST)} ${pick(rnd, FR_LAST)}`;
  const other = `${pick(rnd, FR_FIRST)} ${pick(rnd, FR_LAST)}`;
  const year = 2015 + Math.floor(rnd() * 11);
  const month = pick(rnd, FR_MONTHS);
  const day = 1 + Math.floor(rnd() * 28);
  const millions = (1 + Math.floor(rnd() * 900)).toString();
  const percent = `${1 + Math.floor(rnd() * 60)},${Math.floor(rnd() * 10)}`;
  return [
    `${pick(rnd, FR_CITIES)}, le ${day} ${month} ${year}`,
    `Le ${pick(rnd, FR_DAYS)} ${day} ${month}, ${name}, ${pick(rnd, FR_ROLES)}, et ${other}, ${pick(rnd, FR_ROLES)}, ont signé avec ${pick(rnd, FR_PARTNERS)} un accord portant sur ${pick(rnd, FR_OBJECTS)}, doté de ${millions} millions d'euros sur ${2 + Math.floor(rnd() * 6)} ans.`,
    `« Cette coopération renforce la place de la France dans l'Europe spatiale », a déclaré ${name}. Le projet représente ${percent} % du budget annuel consacré à ce domaine et mobilisera ${10 + Math.floor(rnd() * 400)} ingénieurs d'ici ${year + 1 + Math.floor(rnd() * 5)}.`,
  ].join('\n\n');
}

/** Names written in capitals in photo credits ("DUSSUTOUR Audrey") are swapped for others. */
function changeCredits(rnd: () => number, text: string): string {
  return text.replace(/(?<!\p{L})[A-ZÉÈ]{3,}\s[A-ZÉ][a-zéèëï]+/gu, () => `${pick(rnd, FR_LAST).toUpperCase()} ${pick(rnd, FR_FIRST)}`);
}

function frenchVariation(rnd: () => number, fixture: string): string {
  const body = shuffle(rnd, paragraphs(fixture).map((p) => changeCredits(rnd, changeDigits(rnd, p))));
  return `${frenchLead(rnd)}\n\n${body.slice(0, Math.max(6, Math.floor(body.length * 0.8))).join('\n\n')}\n`;
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function asHtml(text: string): string {
  const [title = '', ...rest] = paragraphs(text);
  return [
    '<!DOCTYPE html>',
    '<html lang="fr"><head><meta charset="utf-8">',
    `<title>${escapeHtml(title.trim())}</title>`,
    '<script>window.dataLayer = window.dataLayer || [];</script></head>',
    '<body><nav><a href="/">Accueil</a> | <a href="/actualites">Actualités</a></nav>',
    `<article><h1>${escapeHtml(title.trim())}</h1>`,
    ...rest.map((p) => `<p>${escapeHtml(p.trim()).replace(/\n/g, '<br>')}</p>`),
    '</article><footer>© CNES</footer></body></html>',
    '',
  ].join('\n');
}

/** A reused wire release: title and lead kept, later paragraphs shuffled, digits changed. */
function englishVariation(rnd: () => number, text: string): string {
  const ps = paragraphs(text);
  const head = ps.slice(0, 2);
  const rest = shuffle(rnd, ps.slice(2));
  return changeDigits(rnd, [...head, ...rest].join('\n\n')) + '\n';
}

/** Writes the corpus and returns what it wrote. Same options, same bytes. */
export function generateCorpus(options: CorpusOptions): Corpus {
  const wireDir = options.wireDir ?? DEFAULT_WIRE_DIR;
  const wire = readdirSync(wireDir)
    .filter((n) => /\.(md|txt)$/.test(n))
    .sort();
  if (wire.length === 0) throw new Error(`no releases in ${wireDir}`);
  const french = frenchFixtures(options.seedsDir ?? DEFAULT_SEEDS_DIR);
  if (french.length === 0) throw new Error(`no French fixture in ${options.seedsDir ?? DEFAULT_SEEDS_DIR}`);
  const rnd = random(options.seed ?? 1);
  const documents: CorpusDocument[] = [];
  let bytes = 0;
  let english = 0;
  let frenchCount = 0;
  for (let i = 0; i < options.docs; i++) {
    const folder = join(options.outDir, String(Math.floor(i / 1000)).padStart(4, '0'));
    if (i % 1000 === 0) mkdirSync(folder, { recursive: true });
    const n = String(i).padStart(6, '0');
    let path: string;
    let content: string;
    let doc: Pick<CorpusDocument, 'language' | 'format'>;
    if (i % 5 === 4) {
      const text = frenchVariation(rnd, french[frenchCount % french.length]!);
      const html = frenchCount % 3 === 2;
      frenchCount++;
      path = join(folder, `fr-${n}.${html ? 'html' : 'txt'}`);
      content = html ? asHtml(text) : text;
      doc = { language: 'fr', format: html ? 'html' : 'text' };
    } else {
      const name = wire[english % wire.length]!;
      const round = Math.floor(english / wire.length);
      english++;
      const original = readFileSync(join(wireDir, name), 'utf8');
      const ext = extname(name);
      path = join(folder, `en-${n}${ext}`);
      content = round === 0 ? original : englishVariation(rnd, original);
      doc = { language: 'en', format: ext === '.md' ? 'markdown' : 'text' };
    }
    const data = Buffer.from(content, 'utf8');
    writeFileSync(path, data);
    bytes += data.length;
    documents.push({ path, ...doc, bytes: data.length });
  }
  return { dir: options.outDir, documents, bytes };
}
