"""The cited Word briefing: real footnotes, chronology, disagreements, questions, sources."""
