"""Everything a user should look at before relying on a pack, in one package.

- conflicts: where sources disagree with a claim, and where they agree; it reads what a claim
  asserts (claim_facts), finds sentences (sentences) about the same fact (same_fact, names,
  vocabulary) and compares the values they state (mentions: amounts, counts, date_spans,
  each an interval: figures);
- event_dates: the dates claims and passages give;
- quote_match: quotes that no longer match their page;
- vague_references: vague or relative dating ("recently", a year later).

`run_checks` (runner) runs them all."""

from evidence_pack.core.checks.runner import CheckReport, UnverifiedQuote, run_checks

__all__ = ["CheckReport", "UnverifiedQuote", "run_checks"]
