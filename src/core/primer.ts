/**
 * Getting a worker thread ready for a large load before its first document. V8 compiles a function for
 * speed from what it has seen it do; the first time the compiled code meets something new (a kind of
 * word, a shape of metadata, a quotation after a figure), it is thrown away and compiled again later. A
 * thread that first runs a few sample documents through every stage has seen most of it: its functions
 * are compiled fewer times, on the threads' time that indexing needs.
 */
import { documentFromBytes } from './corpus';
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
`;

/** Plain text without a header: straight quotation marks, number words, a table. */
const BOOK = `CHAPTER ONE

It was the best of times, it was the worst of times.  "Well," said Alice, "I never!"  Two hundred and five soldiers marched on; 70k people watched.  The 3rd of July 1863 saw 51,000 casualties.

Table 1.  Values
  x     y
  1     2
  3     4
`;

export const SAMPLES: ReadonlyArray<[string, string]> = [
  ['news.txt', NEWS],
  ['notes.md', NOTES],
  ['book.txt', BOOK],
];

/** Run every stage of preparing a document on the samples (their terms numbered apart), and prime the tokenizer. */
export async function primeForLargeLoads(): Promise<void> {
  primeTokenizer();
  const numbering = new WordNumbering();
  const encoder = new TextEncoder();
  for (const [name, text] of SAMPLES) {
    const doc = await documentFromBytes('/primer', `/primer/${name}`, encoder.encode(text));
    if (!('reason' in doc)) prepareDocument(doc, numbering.termIds, false);
  }
}
