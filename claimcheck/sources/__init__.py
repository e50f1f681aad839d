"""Building and keeping a corpus of record: fetching primary sources, adding and removing documents with
the index kept in step, and finding the verdicts a change makes stale.

The only package that touches the network (`http`); everything else here is pure or touches only the
corpus folder and the index. The modules, lowest first:

- `http`: `Fetcher` (User-Agent, rate limit per host, on-disk cache, one-line errors) and `FetchError`;
- `filing_html`: an EDGAR filing's HTML as corpus text (paragraphs, page breaks, pipe tables);
- `provenance`: `Provenance`, a fetched document's front matter (citation + where it came from);
- `edgar`: ticker/CIK → filings of a form → primary documents (`fetch_filings`);
- `cards`: Hugging Face and GitHub model cards (`fetch_card`);
- `manage`: writing, listing, showing and removing documents under the corpus lock, index in step;
- `adding`: `corpus add FILE|URL` arguments as documents;
- `fetch`: the fetch commands as library calls;
- `stale`: approved verdicts a corpus change overturns or leaves without their evidence.
"""
