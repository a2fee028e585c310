"""Import in the background (progress, cancel, the report), the models under
qtmodeltester, the timeline drawing and its export, errors, settings and the entry points."""

from __future__ import annotations

import datetime as dt
import threading
import time
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from evidence_pack.core.models import ParsedDocument
from evidence_pack.core.pack import Pack
from evidence_pack.ui.app import build_window
from evidence_pack.ui.main_window import MainWindow
from evidence_pack.ui.models.claims_model import ClaimsModel
from evidence_pack.ui.models.hits_model import HitsModel
from evidence_pack.ui.models.sources_model import Rejected, SourcesModel
from evidence_pack.ui.panels.timeline_scene import entries_from_claims
from evidence_pack.ui.settings import AppSettings
from tests.helpers import TextParser, write
from tests.ui.conftest import Settle, message_box


class SlowParser(TextParser):
    """Takes a while per file, so an import can be cancelled halfway."""

    def __init__(self) -> None:
        self.started = threading.Event()

    def parse(self, path: Path) -> ParsedDocument:
        self.started.set()
        time.sleep(0.25)
        return super().parse(path)


def test_cancel_stops_after_the_current_file_and_keeps_what_was_read(
        window: MainWindow, qtbot: QtBot, settle: Settle, tmp_path: Path) -> None:
    parser = SlowParser()
    window.ctx.parser = parser
    files = [write(tmp_path / "many", f"note-{n:02}.txt", f"Note {n} about the contract.")
             for n in range(12)]
    dialog = window.import_paths([str(tmp_path / "many")])
    assert dialog is not None and dialog.running
    qtbot.waitUntil(lambda: dialog.files.topLevelItemCount() >= 1, timeout=10000)
    cancel = dialog.buttons.buttons()[0]
    cancel.click()  # Cancel while running
    assert "Cancelling" in dialog.heading.text()
    settle(window, lambda: not dialog.running)
    report = dialog.report
    assert report is not None and report.cancelled
    assert 0 < len(report.imported) < len(files)
    assert dialog.heading.text().startswith("Import cancelled: ")
    settle(window, lambda: window.library.model.rowCount() == len(report.imported))


def test_a_second_import_waits_for_the_first(window: MainWindow, qtbot: QtBot,
                                             settle: Settle, tmp_path: Path) -> None:
    window.ctx.parser = SlowParser()
    first = window.import_paths([str(write(tmp_path, "a.txt", "Alpha."))])
    assert first is not None
    assert window.import_paths([str(write(tmp_path, "b.txt", "Beta."))]) is None
    assert "already running" in window.statusBar().currentMessage()
    settle(window, lambda: not first.running)


def test_the_app_keeps_a_parse_worker_booted_for_the_next_import(
        qtbot: QtBot, settings: AppSettings, pack_path: Path, settle: Settle,
        tmp_path: Path) -> None:
    w = build_window(settings, pack_path, reopen_last=False, standby=True)
    qtbot.addWidget(w)
    w.show()
    standby = w.ctx.standby
    assert standby is not None
    settle(w, lambda: w.ctx.pack is not None and standby.pid is not None)
    waiting = standby.pid
    dialog = w.import_paths([str(write(tmp_path, "lease.txt", "Depot lease\n\nSigned 2016."))])
    assert dialog is not None
    settle(w, lambda: not dialog.running and standby.pid is not None)
    assert dialog.report is not None and len(dialog.report.imported) == 1
    assert standby.pid != waiting  # the import took the one waiting; the next is new
    w.close()
    assert standby.pid is None


def test_models_pass_qtmodeltester(qtmodeltester, pack: Pack, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from evidence_pack.core.operations import CitationSpec, Operations

    pack.add([write(tmp_path, "a.txt", "published: 2015-01-02\nThe contract was awarded in "
                    "January 2015.\fA second page."), write(tmp_path, "b.txt", "Other words.")],
             parser=TextParser())
    sid = pack.sources()[0].id
    Operations(pack).create_claim("Awarded", tags=["x"], citations=[
        CitationSpec(sid, 1, "awarded in January 2015")])
    Operations(pack).create_claim("Undated")

    sources = SourcesModel()
    sources.set_rows(pack.sources(), [Rejected("/x/bad.pdf", "damaged", "2026-01-01")])
    qtmodeltester.check(sources)
    claims = ClaimsModel()
    claims.set_claims(pack.claims(), {pack.claims()[0].id: 2})
    qtmodeltester.check(claims)
    hits = HitsModel()
    results = pack.search("contract OR words")
    hits.set_hits(results.hits, results.total)
    qtmodeltester.check(hits)
    assert sources.rowCount() == 3 and claims.rowCount() == 2 and hits.rowCount() == 2


def _claim(pack: Pack, statement: str, event: str) -> None:
    from evidence_pack.core.operations import Operations

    Operations(pack).create_claim(statement, event=event)


def test_timeline_draws_each_date_at_its_precision(pack: Pack) -> None:
    for statement, event in (("Day", "2015-01-08"), ("Month", "January 2015"),
                             ("Late", "late 2014"), ("Year", "2013")):
        _claim(pack, statement, event)
    entries = {e.label: e for e in entries_from_claims(pack.claims(), {})}
    assert entries["Day"].earliest == entries["Day"].latest == dt.date(2015, 1, 8)
    assert (entries["Month"].earliest, entries["Month"].latest) == (dt.date(2015, 1, 1),
                                                                   dt.date(2015, 1, 31))
    assert entries["Late"].vague and entries["Late"].earliest.year == 2014
    assert entries["Late"].earliest.month >= 9 and entries["Late"].latest == dt.date(2014, 12, 31)
    assert (entries["Year"].earliest, entries["Year"].latest) == (dt.date(2013, 1, 1),
                                                                 dt.date(2013, 12, 31))
    assert not entries["Year"].vague


def test_timeline_panel_zooms_exports_and_opens_claims(
        story_window: MainWindow, qtbot: QtBot, settle: Settle, tmp_path: Path) -> None:
    w = story_window
    panel = w.timeline
    settle(w, lambda: len(panel.scene.entries) == 2)
    def year_bar() -> float:  # the 2013 bar of "Meridian bought", a year long
        return max(i.rect().width() for i in panel.scene.items() if hasattr(i, "rect")
                   and i.data(0) is not None)

    px, bar = panel.scene.px_per_day, year_bar()
    panel.zoom(2.0)
    assert panel.scene.px_per_day == pytest.approx(2 * px)
    assert year_bar() == pytest.approx(2 * bar, rel=0.01)
    svg = panel.export(tmp_path / "t.svg")
    png = panel.export(tmp_path / "t.png")
    assert svg.read_text(encoding="utf-8").lstrip().startswith("<?xml")
    assert "Meridian bought" in svg.read_text(encoding="utf-8")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    item = next(i for i in panel.scene.items() if i.data(0) is not None)
    with qtbot.waitSignal(panel.sig_claim_activated) as signal:
        panel.view.sig_claim_clicked.emit(int(item.data(0)))
    assert signal.args == [int(item.data(0))]
    conflicted = next(e for e in panel.scene.entries if e.label.startswith("Meridian"))
    assert conflicted.conflict


def test_a_bad_pack_gets_a_plain_message_and_no_traceback(
        qtbot: QtBot, settings: AppSettings, settle: Settle, tmp_path: Path) -> None:
    not_a_pack = tmp_path / "holiday photos"
    not_a_pack.mkdir()
    w = build_window(settings, not_a_pack, reopen_last=False)
    qtbot.addWidget(w)
    w.show()
    box = message_box(qtbot)
    assert "Traceback" not in box.text() and "holiday photos" in box.text()
    box.close()
    assert w.ctx.pack is None and w.centre.currentWidget() is w.welcome
    w.close()


def test_window_layout_and_recent_packs_persist(
        qtbot: QtBot, settings: AppSettings, pack_path: Path, settle: Settle) -> None:
    first = build_window(settings, pack_path, reopen_last=False)
    qtbot.addWidget(first)
    first.show()
    settle(first, lambda: first.ctx.pack is not None)
    first.docks["timeline"].hide()
    first.resize(first.width(), 540)  # the offscreen screen is 800x600
    qtbot.waitUntil(lambda: first.height() == 540)
    first.close()
    assert settings.recent_packs() == [str(pack_path)]
    again = build_window(settings)  # no pack named: the last one opens
    qtbot.addWidget(again)
    again.show()
    settle(again, lambda: again.ctx.pack is not None)
    assert again.ctx.pack is not None and again.ctx.pack.folder == pack_path
    assert again.docks["timeline"].isHidden() and again.height() == 540
    again.close()


def test_no_display_explains_instead_of_crashing(monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    from evidence_pack.cli import gui_command, main

    monkeypatch.setattr(gui_command.sys, "platform", "linux")
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    assert main([]) == 2
    assert "no display was found" in capsys.readouterr().err
    assert main(["gui"]) == 2
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    assert gui_command.display_available()


def test_library_filter_matches_title_kind_date_and_status(
        story_window: MainWindow, settle: Settle) -> None:
    from evidence_pack.ui.models.sources_model import Rejected

    w = story_window
    lib = w.library
    settle(w, lambda: lib.model.rowCount() == 2)
    lib.model.set_rows([r for r in (lib.model.row_at(0), lib.model.row_at(1)) if r],
                       [Rejected("/docs/scan.pdf", "no text layer (scanned; needs OCR)", "x")])
    for text, expected in (("rejected", 1), ("OCR", 1), ("txt", 2), ("2015", 2),
                           ("minutes", 1), ("nothing like this", 0)):
        lib.filter.setText(text)
        assert lib.proxy.rowCount() == expected, text


def test_a_pack_open_in_one_window_is_refused_in_another(
        window: MainWindow, qtbot: QtBot, settings: AppSettings, pack_path: Path,
        settle: Settle) -> None:
    second = build_window(settings, pack_path, reopen_last=False)
    qtbot.addWidget(second)
    second.show()
    box = message_box(qtbot)
    assert "already open in another Evidence Pack window" in box.text()
    box.close()
    assert second.ctx.pack is None and window.ctx.pack is not None
    second.close()
    window.ctx.close_pack()  # released on close: now it opens
    settle(window, lambda: window.ctx.pack is None)
    third = build_window(settings, pack_path, reopen_last=False)
    qtbot.addWidget(third)
    settle(third, lambda: third.ctx.pack is not None)
    third.close()


def test_month_first_preference_reads_typed_claim_dates_and_the_reader(
        story_window: MainWindow, settle: Settle) -> None:
    w = story_window
    claim = next(c for c in w.claims_model.claims() if c.statement.startswith("The CCG"))

    def typed_date(text: str) -> str | None:
        w.show_claim(claim.id)
        settle(w)
        w.claims.editor.date.setText(text)
        w.claims.editor.save_button.click()
        settle(w)
        stored = w.claims_model.claim_at(w.claims_model.row_of(claim.id))
        return stored.event.value if stored and stored.event else None

    assert typed_date("03/04/2015") == "2015-04-03"  # UK reading by default
    w.ctx.settings.day_first = False
    w._preferences_changed()
    settle(w)
    assert typed_date("03/05/2015") == "2015-03-05"


def test_incremental_checks_match_a_full_run_after_every_kind_of_change(
        story_path: Path) -> None:
    from evidence_pack.core.operations import CitationSpec, Operations
    from evidence_pack.ui.conflicts import IncrementalChecks, pack_checks

    def same(a, b) -> bool:  # type: ignore[no-untyped-def]
        key = lambda c: (c.claim_id, c.passage_key)  # noqa: E731
        return (sorted(map(key, a.conflicts)) == sorted(map(key, b.conflicts))
                and sorted((v.claim, v.wording) for v in a.vague)
                == sorted((v.claim, v.wording) for v in b.vague))

    with Pack.open(story_path) as pack:
        ops, checks = Operations(pack), IncrementalChecks()
        assert same(checks.run(pack), pack_checks(pack))
        bought = next(c.id for c in pack.claims() if c.statement.startswith("Meridian"))
        minutes = next(s.id for s in pack.sources() if s.file_name == "minutes.txt")
        edits = [
            lambda: ops.edit_claim(bought, statement="Meridian bought Castlegate."),
            lambda: ops.dismiss(bought, checks.run(pack).conflicts[0].passage_key),
            lambda: ops.undo(),
            lambda: ops.cite(bought, CitationSpec(minutes, 2, "completed its purchase of "
                                                  "Castlegate Diagnostics in 2014")),
            lambda: ops.set_published(minutes, "2016-01-01"),
            lambda: ops.create_claim("The committee noted the contract.",
                                     citations=[CitationSpec(minutes, 1, "noted the new "
                                                             "contract")]),
            lambda: ops.delete_claim(bought),
        ]
        for edit in edits:
            edit()
            assert same(checks.run(pack), pack_checks(pack))
        assert checks.cached_claims == len(pack.claims())


def test_export_dialog_remembers_sections_and_output_per_pack(
        story_window: MainWindow, settle: Settle, tmp_path: Path) -> None:
    w = story_window
    first = w.export_briefing()
    assert first is not None
    settle(w, lambda: bool(first.title.text()))
    out = tmp_path / "out" / "short.docx"
    out.parent.mkdir()
    first.output.setText(str(out))
    first.sections["timeline"].setChecked(False)
    first.sections["questions"].setChecked(False)
    first.open_when_done.setChecked(False)
    first.export_button.click()
    settle(w, lambda: out.exists())
    again = w.export_briefing()
    assert again is not None
    assert again.output.text() == str(out)
    assert not again.sections["timeline"].isChecked() and again.sections["sources"].isChecked()
    assert not again.open_when_done.isChecked()
    again.reject()


def test_status_bar_counts_sources_claims_and_conflicts(story_window: MainWindow,
                                                        settle: Settle) -> None:
    settle(story_window, lambda: "2 claims" in story_window.counts_label.text())
    assert story_window.counts_label.text() == "2 sources · 2 claims · ⚠ 1 possible conflict"


def test_dropping_files_with_no_pack_open_says_what_to_do(
        qtbot: QtBot, settings: AppSettings, tmp_path: Path) -> None:
    w = build_window(settings, reopen_last=False)
    qtbot.addWidget(w)
    w.show()
    assert w.import_paths([str(write(tmp_path, "a.txt", "Alpha."))]) is None
    box = message_box(qtbot)
    assert "Open or create a pack first" in box.text()
    box.close()
    w.close()


def test_hits_name_their_place_as_citations_do() -> None:
    from evidence_pack.core.models import SearchHit
    from evidence_pack.ui.models.hits_model import page_text

    assert page_text(SearchHit(1, "Board", 9, "7", 1.0, "", (), "pdf")) == "p. 7"
    assert page_text(SearchHit(1, "Board", 9, None, 1.0, "", (), "pdf")) == "p. 9"
    assert page_text(SearchHit(2, "Gazette", 2, None, 1.0, "", (), "html")) == "section 2"
    # a slide is a slide and a sheet is named, not "p. 3" and "p. Payments"
    assert page_text(SearchHit(3, "Deck", 3, "3", 1.0, "", (), "ppt")) == "slide 3"
    assert page_text(SearchHit(4, "Spend", 2, "Payments", 1.0, "", (), "xls")) == \
        "sheet ‘Payments’"


def test_library_lists_attachments_under_their_email(qtmodeltester: object, pack: Pack,
                                                      tmp_path: Path) -> None:
    from dataclasses import replace

    from evidence_pack.ui.models.sources_model import rejected_from_log

    pack.add([write(tmp_path, "mail.txt", "The email."), write(tmp_path, "sheet.txt", "Rows."),
              write(tmp_path, "other.txt", "Alone.")], parser=TextParser())
    mail, sheet, other = pack.sources()
    mail = replace(mail, kind="eml", file_name="mail.eml", meta={"attachments": [
        {"name": "sheet.txt", "state": "imported", "source_id": sheet.id},
        {"name": "old.xls", "state": "rejected", "reason": "old Excel 97-2003 workbook"}]})
    sheet = replace(sheet, parent_id=mail.id)
    events = [{"path": "/in/mail.eml/old.xls", "outcome": "rejected", "reason": "old"},
              {"path": "/in/bad.pdf", "outcome": "rejected", "reason": "damaged PDF"}]
    model = SourcesModel()
    model.set_rows([mail, sheet, other], rejected_from_log(events, [mail, sheet, other]))
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    top = [model.row_at(n) for n in range(model.rowCount())]
    assert [getattr(r, "id", getattr(r, "name", None)) for r in top] == [mail.id, other.id,
                                                                         "bad.pdf"]
    under = model.index(0, 0)
    children = [model.row_for(model.index(n, 0, under)) for n in range(model.rowCount(under))]
    assert children[0] == sheet
    assert isinstance(children[1], Rejected) and children[1].reason.startswith("old Excel")
    assert model.index_of_source(sheet.id).parent() == under
    assert model.source_count() == 3
