"""Moving sources and claims to and from other tools: RIS and CSL-JSON (Zotero), CSV."""
