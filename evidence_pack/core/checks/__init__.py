"""Everything a user should look at before relying on a pack, in one package: possible
conflicts between sources (conflicts), the amounts and event dates passages give (amounts,
event_dates, passage_facts), quotes that no longer match their page (quote_match) and vague
or relative dating (vague_references). `run_checks` runs them all."""

from evidence_pack.core.checks.runner import CheckReport, UnverifiedQuote, run_checks

__all__ = ["CheckReport", "UnverifiedQuote", "run_checks"]
