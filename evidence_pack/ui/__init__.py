"""The PySide6 desktop app: a thin layer over evidence_pack.core (which never imports Qt)."""
