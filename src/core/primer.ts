/**
 * Getting a worker thread ready for a large load before its first document. V8 compiles a function for
 * speed from what it has seen it do; the first time the compiled code meets something new (a kind of
 * word, a shape of metadata, a quotation after a figure), it is thrown away and compiled again later. A
 * thread that first runs a few sample documents through every stage has seen most of it: its functions
 * are compiled fewer times, on the threads' time that indexing needs.
 */
import { documentFromBytes, textFileUtf8 } from './corpus';
import { hashBytes } from './hash';
import { prepareDocument, WordNumbering } from './prepare';
import { primeTokenizer } from './tokenize';

/** A news article with its header (title, byline, date, outlet, address), quotations, figures, dates and a site footer. */
const NEWS = `Flood barrier vote delayed as costs rise to £2.5bn
By Jane Smith
3 March 2024
Source: The Harbour Times
https://example.org/news/flood-barrier

The city council voted 27-12 on Tuesday to delay the £2.5bn flood barrier, after officials said costs had risen by 40% since 2021.

“We cannot ask residents to pay for a barrier that may never be finished,” said Councillor Amira Haddad, who chairs the finance committee. “The numbers do not add up.”

Mr. Smith, a spokesman for the U.S. Army Corps of Engineers, said: "The design is sound." He added that 90,000 homes – about one in five – lie below the 1-in-100-year flood line.

According to the report, published on March 5, 2024, the barrier would protect 1.2 million people; ninety thousand jobs depend on the port. The 2nd phase, costing €300m, starts in 2026.

Subscribe to our newsletter for the daily news digest.
Follow us on social media.
© 2024 The Harbour Times. All rights reserved.
`;

/** Notes in Markdown: front matter, headings, lists, a code block, quotations in single quotes, letters beyond ASCII. */
const NOTES = `---
title: Coastal resilience plan — naïve estimates revisited
author: Dmitriy Sergei
date: 2023-11-02
---

# Coastal resilience plan

## Summary

* The plan covers 14 towns and 3 ports.
* Funding: $1,250,000 in 2023; 12.5% more in 2024.

The minister, Zelenskyy’s adviser, told reporters that the build-up would “take years, not months”. ‘It is state-of-the-art,’ she said on 12/03/2023.

Sea levels rose 3.4 mm a year between 1993 and 2022 (NASA). The World Meteorological Organization warned on Monday that the Paris Agreement target of 1.5°C was at risk.

    code block line kept verbatim
    another verbatim line

Straße café résumé 東京 𝐀𝐁𝐂 it’s don't o'clock internationalisation colour centre defence.

東京は大きい。本当に！ Wait… what?
`;

/** Plain text without a header: straight quotation marks, number words, a table. */
const BOOK = `CHAPTER ONE

It was the best of times, it was the worst of times.  "Well," said Alice, "I never!"  Two hundred and five soldiers marched on; 70k people watched.  The 3rd of July 1863 saw 51,000 casualties.

Table 1.  Values
  x     y
  1     2
  3     4
`;

/**
 * A wire story: its date written month first, a "Source: … with agencies" line, an ISO date, a fraction
 * of a percent, a fenced block, a fact told by a count ("dozens of"), a four-digit number with a scale,
 * and its author named alone after the body.
 */
const WIRE = `Ministers agree emergency budget for coastal towns
March 5, 2024
Source: Northern Wire with agencies

Ministers agreed on 2024-03-05 to raise the coastal fund by 0.5%, or two and a half million pounds, in 1998 prices, one and a half times the sum agreed on 12 May 2003.

\`\`\`
fenced block: kept verbatim
\`\`\`

The Treasury said the increase of one point five per cent would be reviewed at the Autumn Statement next year, officials added. Dozens of families gathered outside the council offices. The budget was 1500 million.

Peter Jones
`;

/** Markdown whose front matter names its fields otherwise: headline, byline, published, site, link. */
const FRONT = `---
headline: "Port strike ends after 14 days"
byline: Ana Lopez
published: 14 June 2022
site: Harbour Weekly
link: https://example.org/port-strike
---

Dock workers returned on Friday, the union said, after a 9.75% pay rise was agreed.
`;

/**
 * A long page: a navigation banner (a phrase repeated on one line), a sentence of more than a thousand
 * characters, and over a thousand short lines (the tables that hold a document's lines grow).
 */
function longPage(): string {
  const banner = 'Home News Sport Weather Home News Sport Weather Home News Sport Weather';
  const longSentence = `The counts were ${Array.from({ length: 150 }, (_, i) => `r${i} ${i + 10}`).join(' ')}.`;
  const shortLines = Array.from({ length: 1100 }, (_, i) => `Line ${i} of the list`).join('\n');
  return `${banner}\n\n${longSentence}\n\n${shortLines}\n`;
}

export const SAMPLES: ReadonlyArray<[string, string]> = [
  ['news.txt', NEWS],
  ['notes.md', NOTES],
  ['book.txt', BOOK],
  ['wire.txt', WIRE],
  ['front.md', FRONT],
  ['long.txt', longPage()],
];

/**
 * How many times the samples are run. V8 records what a function meets only once it has run for a
 * while (a function called once a document has not, after one round), and a path not recorded when
 * the function is compiled throws the compiled code away when it is first taken. The first round
 * costs ~150 ms (the code is compiled to bytecode then), each other ~20 ms.
 */
const ROUNDS = 3;

/**
 * Prime the tokenizer and run every stage of preparing a document on the samples, as a worker thread
 * prepares a file's bytes (hashed, decoded, prepared), their terms numbered by `numbering`, which then
 * forgets them: the thread's own, so that the compiled code has seen the very function that numbers
 * terms. One sample's bytes start with a byte-order mark, as some files do (its UTF-8 is then a view
 * into the bytes, which preparing copies).
 */
export async function primeForLargeLoads(numbering = new WordNumbering()): Promise<void> {
  try {
    const encoder = new TextEncoder();
    for (let round = 0; round < ROUNDS; round++) {
      // Each round starts with the tokenizer's words forgotten: a new word's path (its stem, its letters) is taken again.
      primeTokenizer(numbering.termIds);
      for (const [i, [name, text]] of SAMPLES.entries()) {
        const path = `/primer/${name}`;
        const bytes = encoder.encode(i === 0 ? `\uFEFF${text}` : text);
        hashBytes(bytes);
        const doc = await documentFromBytes('/primer', path, bytes);
        if (!('reason' in doc)) prepareDocument(doc, numbering.termIds, false, textFileUtf8(path, bytes));
      }
    }
  } finally {
    // Whatever happened, the samples' words are not the corpus's.
    numbering.reset();
  }
}
