/**
 * Metadata overrides per file, from `sources.json` or `sources.yaml` (`sources.yml`) at a corpus root:
 *
 *   { "000_article.txt": { "outlet": "Central European Times", "date": "2021-12-02" } }
 *
 *   000_article.txt:
 *     outlet: Central European Times
 *     date: 2021-12-02
 */
import type { DocumentMetadata } from './types';

export const SIDECAR_NAMES = ['sources.json', 'sources.yaml', 'sources.yml'];
const FIELDS = new Set(['title', 'author', 'date', 'outlet', 'url']);

function unquote(v: string): string {
  const t = v.trim();
  if (/^"(.*)"$/.test(t)) return JSON.parse(t) as string;
  if (/^'(.*)'$/.test(t)) return t.slice(1, -1).replace(/''/g, "'");
  return t.replace(/\s+#.*$/, '');
}

/** The subset of YAML a sidecar needs: file keys, each with indented `field: value` lines. */
export function parseSidecarYaml(text: string): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  let current: Record<string, string> | undefined;
  for (const [i, raw] of text.split(/\r?\n/).entries()) {
    if (!raw.trim() || /^\s*#/.test(raw) || raw.trim() === '---') continue;
    const top = /^(\S(?:.*?\S)?)\s*:\s*$/.exec(raw);
    const field = /^\s+([A-Za-z_]+)\s*:\s*(.*)$/.exec(raw);
    if (top) {
      current = out[unquote(top[1])] = {};
    } else if (field && current) {
      current[field[1]] = unquote(field[2]);
    } else {
      throw new Error(`line ${i + 1}: expected "<file>:" or an indented "<field>: <value>"`);
    }
  }
  return out;
}

/** Overrides keyed by relative path; unknown fields are ignored, bad shapes throw with a reason. */
export function parseSidecar(name: string, text: string): Map<string, DocumentMetadata> {
  const data: unknown = name.endsWith('.json') ? JSON.parse(text) : parseSidecarYaml(text);
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw new Error('expected an object keyed by file path');
  const out = new Map<string, DocumentMetadata>();
  for (const [rel, value] of Object.entries(data as Record<string, unknown>)) {
    if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error(`the entry for "${rel}" is not a set of fields`);
    const md: DocumentMetadata = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (FIELDS.has(k) && (typeof v === 'string' || typeof v === 'number')) md[k as keyof DocumentMetadata] = String(v);
    }
    out.set(rel.replace(/^\.\//, ''), md);
  }
  return out;
}
