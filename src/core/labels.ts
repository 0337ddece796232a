/**
 * Footnote label styles. Numeric labels (`[^3]`) are numbered in order of first reference; named
 * labels (`[^nolan-2021-12-02]`) stay stable when text moves: the author's surname (else the outlet,
 * else the title's first words), then the date, in lowercase ASCII, with `-2`, `-3` on a collision.
 */
import type { DocumentMetadata } from './types';

export type LabelStyle = 'numeric' | 'named';

export function isLabelStyle(value: unknown): value is LabelStyle {
  return value === 'numeric' || value === 'named';
}

/** Lowercase ASCII words joined by `-`: diacritics stripped, everything else a separator. */
export function slug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ß/g, 'ss')
    .replace(/[æÆ]/g, 'ae')
    .replace(/[øØ]/g, 'o')
    .replace(/[łŁ]/g, 'l')
    .replace(/[đĐ]/g, 'd')
    .replace(/['’]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

const NAME_SUFFIX = /^(?:jr|sr|ii|iii|iv|phd|md)\.?$/i;
const TITLE_STOP = new Set(['a', 'an', 'the', 'of', 'and', 'or', 'in', 'on', 'at', 'to', 'for', 'with', 'by']);

/** The first author's surname: `Dan Nolan` and `Nolan, Dan` give `Nolan`; `Dan Nolan and Jo Park` gives `Nolan`. */
export function surname(author: string): string | undefined {
  const cleaned = author.replace(/^\s*by[:\s]+/i, '').trim();
  const comma = /^([^,]+),\s*([^,]+)$/.exec(cleaned);
  // `Surname, Given` (one comma, a short second part without spaces beyond initials).
  if (comma && comma[2].trim().split(/\s+/).length <= 2 && comma[1].trim().split(/\s+/).length === 1) return comma[1].trim();
  const first = cleaned.split(/\s*(?:,|;|&|\band\b|\bund\b|\bet\b)\s*/i).find((s) => slug(s) !== '');
  if (!first) return undefined;
  const words = first.split(/\s+/).filter((w) => slug(w) !== '' && !NAME_SUFFIX.test(w));
  return words[words.length - 1];
}

/** `YYYY-MM-DD` when the date starts with one. */
function isoDate(date: string | undefined): string | undefined {
  const m = date ? /^(\d{4})-(\d{2})-(\d{2})/.exec(date.trim()) : null;
  return m ? `${m[1]}-${m[2]}-${m[3]}` : undefined;
}

/** The label before collisions are resolved. */
export function labelBase(metadata: DocumentMetadata): string {
  const author = metadata.author ? slug(surname(metadata.author) ?? '') : '';
  const outlet = metadata.outlet ? slug(metadata.outlet) : '';
  const title = metadata.title
    ? slug(
        metadata.title
          .split(/\s+/)
          .filter((w) => !TITLE_STOP.has(w.toLowerCase()) && slug(w) !== '')
          .slice(0, 3)
          .join(' '),
      )
    : '';
  let name = author || outlet || title || 'source';
  // A name that is all digits would read as a numeric label.
  if (/^\d+$/.test(name)) name = `source-${name}`;
  const date = isoDate(metadata.date);
  return date ? `${name}-${date}` : name;
}

/** A named label for a citation of a document, unique among `existing` (compared as GFM does, ignoring case). */
export function labelFor(metadata: DocumentMetadata, existing: Iterable<string>): string {
  const taken = new Set([...existing].map((l) => l.toLowerCase()));
  const base = labelBase(metadata);
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}
