/** Dates from document metadata, as `YYYY-MM-DD`. */
import { parseDate } from '../metadata';

/** An ISO timestamp's calendar date as written (`2024-04-09T22:15:00+01:00` → `2024-04-09`), or any date `parseDate` reads. */
export function documentDate(value: string | undefined): string | undefined {
  const v = value?.trim();
  if (!v) return undefined;
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:$|[T\s])/.exec(v);
  return iso ? `${iso[1]}-${iso[2]}-${iso[3]}` : parseDate(v);
}
