"""The cited Word briefing: real footnotes, chronology, disagreements, questions, sources.

    build_briefing(pack, "briefing.docx", style="notes") -> BriefingReport
"""

from evidence_pack.core.briefing.builder import BriefingReport, build_briefing
from evidence_pack.core.briefing.citation_styles import STYLE_NAMES

__all__ = ["STYLE_NAMES", "BriefingReport", "build_briefing"]
