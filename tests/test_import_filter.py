"""The file picker offers every kind of file the importer reads, not only PDFs and web pages."""

from __future__ import annotations

from fnmatch import fnmatch

import pytest

from evidence_pack.core.ingest.file_kinds import IMPORTABLE
from evidence_pack.core.ingest.image_formats import IMAGE_SUFFIXES
from evidence_pack.core.ingest.received_kinds import READERS

# a file of each kind with the name a user would see
_NAMED = {"eml": "reply.eml", "msg": "reply.msg", "odt": "report.odt", "ods": "budget.ods",
          "odp": "deck.odp", "rtf": "letter.rtf", "xlsx": "payments.xlsx", "csv": "spend.csv",
          "pptx": "slides.pptx", "zip": "disclosure.zip", "docm": "report.docm",
          "tnef": "winmail.dat", "doc": "minutes.doc", "xls": "payments.xls",
          "ppt": "slides.ppt", "mbox": "inbox.mbox", "ics": "invite.ics"}
_EVERYTHING = [pattern for patterns in IMPORTABLE.values() for pattern in patterns]


@pytest.mark.parametrize("kind", READERS)
def test_every_received_kind_can_be_picked(kind: str) -> None:
    name = _NAMED[kind]  # a reader added without a name here fails: add it to IMPORTABLE too
    assert any(fnmatch(name, pattern) for pattern in _EVERYTHING)


@pytest.mark.parametrize("name", ["board-pack.pdf", "article.html", "saved.mhtml",
                                  "paper.docx", "notes.txt", "notes.md", "scan.heic",
                                  *(f"scan{suffix}" for suffix in IMAGE_SUFFIXES)])
def test_documents_and_scans_can_be_picked(name: str) -> None:
    assert any(fnmatch(name, pattern) for pattern in _EVERYTHING)


def test_the_picker_opens_on_everything_then_each_kind(qapp: object) -> None:
    from evidence_pack.ui.main_window import IMPORT_FILTER

    filters = IMPORT_FILTER.split(";;")
    assert filters[0].startswith("Everything it reads (") and "*.ppt " in filters[0]
    assert "Email and invitations (*.eml *.emlx *.msg *.mbox winmail.dat *.ics)" in filters
    assert filters[-1] == "All files (*)"
