import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseFootnotes } from '../../src/core/footnotes';
import { renumber } from '../../src/core/renumber';

/**
 * Random Markdown briefings with footnotes: references in paragraphs, headings, blockquotes and
 * lists; fake footnotes in code spans, fences, indented code and after backslashes; definitions with
 * and without file links (some citing the same passage), continuation lines, inside blockquotes and
 * lists, scattered or together; LF or CRLF. The generator knows which text is outside footnote labels
 * and definitions, and checks the renumbered document against that.
 */

const SEED = Number(process.env.SOURCED_FC_SEED ?? 20211202);
const RUNS = Number(process.env.SOURCED_FC_RUNS ?? 300);

const NUMERIC = ['1', '2', '3', '4', '5', '7', '10', '12'];
const NAMED = ['nolan-2021-12-02', 'ap-2021-12-01', 'smith'];
const LABELS = [...NUMERIC, ...NAMED];
const TARGETS = ['corpus/a.txt#L1C1-L1C9', 'corpus/a.txt#L3C1-L3C20', 'corpus/b.txt#L2C4-L2C9', 'corpus/b.txt#L7C1-L8C2'];

/** Text the output must keep byte for byte, and footnote reference slots whose labels may change. */
type Segment = string | { ref: string };

type Inline =
  | { t: 'word'; w: string }
  | { t: 'ref'; label: string }
  | { t: 'code'; label: string }
  | { t: 'escaped'; label: string };

type Block =
  | { t: 'para'; parts: Inline[] }
  | { t: 'heading'; parts: Inline[] }
  | { t: 'quote'; parts: Inline[] }
  | { t: 'list'; a: Inline[]; b: Inline[] }
  | { t: 'fence'; label: string }
  | { t: 'indented'; label: string }
  | {
      t: 'def';
      label: string;
      target: string | null;
      more: 'none' | 'line' | 'para';
      container: 'none' | 'quote' | 'list';
      inner: string | null;
      tight: boolean;
    };

const label = fc.constantFrom(...LABELS);
const inline: fc.Arbitrary<Inline> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom('alpha', 'beta', 'said.', '“quote”', 'x', '1,2', '*em*').map((w): Inline => ({ t: 'word', w })) },
  { weight: 3, arbitrary: label.map((l): Inline => ({ t: 'ref', label: l })) },
  { weight: 1, arbitrary: label.map((l): Inline => ({ t: 'code', label: l })) },
  { weight: 1, arbitrary: label.map((l): Inline => ({ t: 'escaped', label: l })) },
);
const parts = fc.array(inline, { minLength: 1, maxLength: 8 });
const block: fc.Arbitrary<Block> = fc.oneof(
  { weight: 4, arbitrary: parts.map((p): Block => ({ t: 'para', parts: p })) },
  { weight: 1, arbitrary: parts.map((p): Block => ({ t: 'heading', parts: p })) },
  { weight: 1, arbitrary: parts.map((p): Block => ({ t: 'quote', parts: p })) },
  { weight: 1, arbitrary: fc.tuple(parts, parts).map(([a, b]): Block => ({ t: 'list', a, b })) },
  { weight: 1, arbitrary: label.map((l): Block => ({ t: 'fence', label: l })) },
  { weight: 1, arbitrary: label.map((l): Block => ({ t: 'indented', label: l })) },
  {
    weight: 4,
    arbitrary: fc
      .record({
        label,
        target: fc.option(fc.constantFrom(...TARGETS), { nil: null }),
        more: fc.constantFrom('none' as const, 'line' as const, 'para' as const),
        container: fc.constantFrom('none' as const, 'none' as const, 'quote' as const, 'list' as const),
        inner: fc.option(label, { nil: null, freq: 4 }),
        tight: fc.boolean(),
      })
      .map((d): Block => ({ t: 'def', ...d })),
  },
);
const documentArb = fc.record({ blocks: fc.array(block, { maxLength: 14 }), crlf: fc.boolean(), finalEol: fc.boolean() });

interface Definition {
  label: string;
  target: string | null;
  /** What follows `[^label]` once the definition stands at the top level. */
  tail: Segment[];
}

interface Generated {
  text: string;
  /** The document without its definitions, as segments. */
  body: Segment[];
  definitions: Definition[];
}

function inlineSegments(parts: Inline[]): Segment[] {
  const out: Segment[] = [];
  parts.forEach((p, i) => {
    if (i > 0) out.push(' ');
    if (p.t === 'word') out.push(p.w);
    else if (p.t === 'ref') out.push({ ref: p.label });
    else if (p.t === 'code') out.push(`\`[^${p.label}]\``);
    else out.push(`\\[^${p.label}]`);
  });
  // A line never starts with a reference followed by `:` (that would be a definition).
  return ['w ', ...out, '.'];
}

function generate(blocks: Block[], eol: string, finalEol: boolean): Generated {
  const body: Segment[] = [];
  const definitions: Definition[] = [];
  const text: string[] = [];
  const defined = new Set<string>();
  let id = 0;
  let previous: Block | undefined;
  const kept = blocks.filter((b) => {
    if (b.t === 'def') {
      if (defined.has(b.label)) return false;
      defined.add(b.label);
    }
    return true;
  });
  const emit = (segments: Segment[], isBody: boolean) => {
    for (const s of segments) text.push(typeof s === 'string' ? s : `[^${s.ref}]`);
    if (isBody) body.push(...segments);
  };
  kept.forEach((b, i) => {
    if (i > 0) {
      const separator = previous?.t === 'def' && b.t === 'def' && b.tight ? eol : eol + eol;
      text.push(separator);
    }
    if (b.t === 'def') {
      const n = ++id;
      const first: Segment[] = [b.target ? `: Source ${n}. [f](${b.target} "t")` : `: Note ${n}.`];
      if (b.inner) first.push(' See', { ref: b.inner }, '.');
      const tail: Segment[] = [...first];
      const prefix = b.container === 'quote' ? '> ' : b.container === 'list' ? '- ' : '';
      const cont = b.container === 'quote' ? '>' : b.container === 'list' ? '  ' : '';
      const rendered: Segment[] = [prefix, `[^${b.label}]`, ...first];
      if (b.more === 'line') {
        tail.push(`${eol}    more ${n}`);
        rendered.push(`${eol}${cont}${b.container === 'quote' ? ' ' : ''}    more ${n}`);
      } else if (b.more === 'para') {
        tail.push(`${eol}${eol}    para ${n}`);
        rendered.push(`${eol}${b.container === 'quote' ? '>' : ''}${eol}${cont}${b.container === 'quote' ? ' ' : ''}    para ${n}`);
      }
      emit(rendered, false);
      definitions.push({ label: b.label, target: b.target, tail });
    } else {
      if (body.length) body.push(eol + eol);
      let segments: Segment[];
      switch (b.t) {
        case 'para':
          segments = inlineSegments(b.parts);
          break;
        case 'heading':
          segments = ['## ', ...inlineSegments(b.parts)];
          break;
        case 'quote':
          segments = ['> ', ...inlineSegments(b.parts)];
          break;
        case 'list':
          segments = ['- ', ...inlineSegments(b.a), eol, '- ', ...inlineSegments(b.b)];
          break;
        case 'fence':
          segments = [`\`\`\`${eol}[^${b.label}]: fenced${eol}and [^${b.label}]${eol}\`\`\``];
          break;
        case 'indented':
          // Right after a definition or a list, indented lines would continue it: put a paragraph between.
          segments = previous?.t === 'def' || previous?.t === 'list' ? [`Code follows:${eol}${eol}    [^${b.label}]: code`] : [`    [^${b.label}]: code`];
          break;
      }
      emit(segments, true);
    }
    previous = b;
  });
  if (finalEol && kept.length) text.push(eol);
  return { text: text.join(''), body, definitions };
}

/** Read `segments` from `text` at `at`: literal text byte for byte, a `[^label]` at each slot. */
function match(text: string, at: number, segments: Segment[], labels: string[]): number {
  for (const s of segments) {
    if (typeof s === 'string') {
      assert.equal(text.slice(at, at + s.length), s, `expected ${JSON.stringify(s)} at ${at}`);
      at += s.length;
    } else {
      const m = /^\[\^([^[\]\s]+)\]/.exec(text.slice(at));
      assert.ok(m, `expected a footnote reference at ${at}: ${JSON.stringify(text.slice(at, at + 20))}`);
      labels.push(m[1]);
      at += m[0].length;
    }
  }
  return at;
}

function check(g: Generated, eol: string): void {
  const once = renumber(g.text);
  assert.equal(once.error, undefined);
  // Idempotent.
  assert.equal(renumber(once.text).text, once.text, 'renumbering twice differs from renumbering once');
  const out = once.text;

  // The body, outside labels, is byte-identical and in order.
  const bodyLabels: string[] = [];
  let at = match(out, 0, g.body, bodyLabels);
  const bodyRefs = g.body.filter((s): s is { ref: string } => typeof s !== 'string').map((s) => s.ref);
  if (!g.definitions.length) {
    assert.equal(out.slice(at), g.text.slice(g.text.length - (out.length - at)), 'the text after the last block changed');
    return;
  }
  if (g.body.length) {
    assert.equal(out.slice(at, at + 2 * eol.length), eol + eol, 'one blank line before the definitions');
    at += 2 * eol.length;
  }

  // Then only definitions, one block, each with its original text.
  const defLabels: string[] = [];
  const seen: Definition[] = [];
  const orderOfAppearance: string[] = [...bodyLabels];
  while (at < out.length) {
    const m = /^\[\^([^[\]\s]+)\]: (?:Source|Note) (\d+)\./.exec(out.slice(at));
    assert.ok(m, `expected a definition at ${at}: ${JSON.stringify(out.slice(at, at + 30))}`);
    const def = g.definitions[Number(m[2]) - 1];
    seen.push(def);
    defLabels.push(m[1]);
    orderOfAppearance.push(m[1]);
    at += `[^${m[1]}]`.length;
    at = match(out, at, def.tail, orderOfAppearance);
    if (at === out.length && !g.text.endsWith('\n')) break;
    assert.equal(out.slice(at, at + eol.length), eol, 'definitions are separated by one line break');
    at += eol.length;
  }

  // Every definition is there once, except duplicates of a passage, which merge.
  for (const d of g.definitions) {
    const group = g.definitions.filter((o) => d.target !== null && o.target === d.target);
    const present = group.length ? group.filter((o) => seen.includes(o)).length : seen.filter((o) => o === d).length;
    assert.equal(present, 1, `definition of [^${d.label}] kept ${present} times`);
  }

  // Labels map consistently: one old label (or passage) to one new label; named labels stay.
  const entity = (old: string) => {
    const def = g.definitions.find((d) => d.label === old);
    return def?.target ? `passage:${def.target}` : `label:${old}`;
  };
  const byEntity = new Map<string, string>();
  const byLabel = new Map<string, string>();
  bodyRefs.forEach((old, i) => {
    const now = bodyLabels[i];
    const e = entity(old);
    assert.equal(byEntity.get(e) ?? now, now, `[^${old}] became both ${byEntity.get(e)} and ${now}`);
    byEntity.set(e, now);
    assert.equal(byLabel.get(now) ?? e, e, `two footnotes share the label ${now}`);
    byLabel.set(now, e);
    if (!/^\d+$/.test(old)) {
      const merged = g.definitions.filter((d) => d.target && d.target === g.definitions.find((x) => x.label === old)?.target);
      if (merged.length <= 1) assert.equal(now, old, 'a named label changed');
    }
  });

  // Numeric labels are 1, 2, 3… in order of first appearance.
  const numeric = [...new Set(orderOfAppearance.filter((l) => /^\d+$/.test(l)))];
  assert.deepEqual(numeric, numeric.map((_, i) => String(i + 1)));
  // Definitions really are definitions, and all of them are in the final block.
  const fn = parseFootnotes(out);
  assert.equal(fn.definitions.filter((d) => !d.nested).length, seen.length);
}

suite('renumber footnotes: properties', () => {
  test(`random documents (fast-check, seed ${SEED}, ${RUNS} runs)`, function () {
    this.timeout(600000);
    try {
      fc.assert(
        fc.property(documentArb, ({ blocks, crlf, finalEol }) => {
          const eol = crlf ? '\r\n' : '\n';
          check(generate(blocks, eol, finalEol), eol);
        }),
        { seed: SEED, numRuns: RUNS },
      );
    } catch (e) {
      throw new Error(`property failed with seed ${SEED} (set SOURCED_FC_SEED to replay): ${(e as Error).message}`);
    }
  });

  test('parsing in pieces equals parsing at once on random documents', function () {
    this.timeout(600000);
    fc.assert(
      fc.property(fc.array(documentArb, { minLength: 2, maxLength: 6 }), (docs) => {
        const text = docs.map((d) => generate(d.blocks, d.crlf ? '\r\n' : '\n', true).text).join('\n\n');
        assert.deepEqual(parseFootnotes(text), parseFootnotes(text, { whole: true }));
      }),
      { seed: SEED, numRuns: Math.ceil(RUNS / 6) },
    );
  });
});
