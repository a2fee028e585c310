"""Nothing leaves the machine: import, search, dates, checks and export work with every
network connection refused, in the app's process and in the parser worker."""

from __future__ import annotations

import socket

import pytest

from evidence_pack.core.briefing import build_briefing
from evidence_pack.core.checks import run_checks
from evidence_pack.core.ingest.worker import IsolatedParser
from evidence_pack.core.offline import NetworkForbidden, forbid_network
from evidence_pack.core.pack import Pack
from evidence_pack.core.temporal import find_dates
from evidence_pack.generate.pdf_writer import write_pdf
from evidence_pack.generate.web_pages import write_article_html, write_article_mhtml
from evidence_pack.generate.word_files import write_docx


@pytest.fixture
def no_network(monkeypatch):
    for name in ("create_connection", "getaddrinfo"):
        monkeypatch.setattr(socket, name, getattr(socket, name))
    monkeypatch.setattr(socket.socket, "connect", socket.socket.connect)
    monkeypatch.setattr(socket.socket, "connect_ex", socket.socket.connect_ex)
    forbid_network()
    with pytest.raises(NetworkForbidden):
        socket.create_connection(("example.org", 80), timeout=1)


def test_whole_job_offline(tmp_path, no_network):
    docs = tmp_path / "docs"
    docs.mkdir()
    article = dict(title="Scanner deal", body_paragraphs=[
        "The CCG recently awarded the imaging contract to Meridian, worth £87m."],
        site_name="Gazette", published="2016-02-10",
        canonical_url="https://gazette.example/scanner")
    write_article_html(docs / "a.html", **article)
    write_article_mhtml(docs / "a.mhtml", **{**article, "title": "Scanner deal (saved)"})
    write_pdf(docs / "b.pdf", [["The contract was awarded in January 2015 for £80 million."]])
    write_docx(docs / "c.docx", title="Notes", sections=[("Notes", ["Ask about the award."])])
    with Pack.create(tmp_path / "p.evpack") as pack:
        report = pack.add([docs])
        assert report.failed == [] and len(report.imported) == 4
        assert pack.search("contract").total >= 2
        assert find_dates("recently, in January 2015", "2016-02-10")
        run_checks(pack)
        build_briefing(pack, tmp_path / "briefing.docx", exhibits=True)
        assert (tmp_path / "briefing.docx").stat().st_size > 0


def test_the_worker_refuses_network_itself(tmp_path):
    path = tmp_path / "phone-home.txt"
    path.write_text("x")
    with (
        IsolatedParser(parse_with="tests.hostile_parsers:phone_home") as parser,
        pytest.raises(Exception) as info,
    ):
        parser.parse(path)
    assert "network access attempted" in str(info.value)
