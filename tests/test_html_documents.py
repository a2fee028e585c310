"""HTML that is a document (company accounts in inline XBRL, a Word report saved as a web
page) is read whole and in order, not cut down to an "article"; a web page still is."""

from __future__ import annotations

from pathlib import Path

from evidence_pack.core.ingest import parse_file

ACCOUNTS = """<?xml version="1.0" encoding="UTF-8"?>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:ix="http://www.xbrl.org/2013/inlineXBRL">
<head><title>Harrowgate Fleet Ltd - accounts</title></head>
<body>
<div style="display:none"><ix:header><ix:hidden>
<ix:nonNumeric name="bus:EntityCurrentLegalOrRegisteredName" contextRef="c1">HIDDEN NAME
</ix:nonNumeric></ix:hidden></ix:header></div>
<div class="page"><p>Registered number: 01234567</p>
<h1>HARROWGATE FLEET LTD</h1>
<h2>Balance sheet as at 31 March 2015</h2>
<table>
<tr><td></td><td>Note</td><td>2015 £</td><td>2014 £</td></tr>
<tr><td>Fixed assets</td><td>4</td>
<td><ix:nonFraction name="core:FixedAssets" contextRef="c1" unitRef="GBP">1,204,000
</ix:nonFraction></td>
<td><ix:nonFraction name="core:FixedAssets" contextRef="c2" unitRef="GBP">980,500
</ix:nonFraction></td></tr>
<tr><td>Net assets</td><td></td><td>1,318,400</td><td>1,091,300</td></tr>
</table>
<p>The financial statements were approved by the board on
<ix:nonNumeric name="bus:DateAuthorisationFinancialStatementsForIssue" contextRef="c3">14 December
2015</ix:nonNumeric> and signed on its behalf by P. Reed, Director.</p>
</div>
<div class="page"><h2>Notes to the financial statements</h2>
<p>1. Turnover fell by 12% to £4.2m after the loss of the Westmoor depot contract.</p>
<!-- page 2 of 2 -->
</div>
</body></html>
"""

WORD_PAGE = """<html xmlns:w="urn:schemas-microsoft-com:office:word">
<head><meta name=Generator content="Microsoft Word 15 (filtered)"><title>Depot review</title>
<style>p.MsoNormal {margin:0cm}</style></head>
<body><div class=WordSection1>
<h1>Depot review</h1>
<p class=MsoNormal>Members noted the lease.</p>
<h2>Costs</h2>
<table class=MsoTableGrid><tr><td><p class=MsoNormal>Roof</p></td>
<td><p class=MsoNormal>£95,000</p></td></tr></table>
<p class=MsoNormal>Next review: <span style='color:red'>2020</span>.</p>
</div></body></html>
"""


def _text(path: Path) -> str:
    return "\n\n".join(p.text for p in parse_file(path).pages)


def test_inline_xbrl_accounts_are_read_whole_with_their_approval_date(tmp_path: Path) -> None:
    path = tmp_path / "accounts.xhtml"
    path.write_text(ACCOUNTS, encoding="utf-8")
    doc = parse_file(path)
    assert doc.meta["document"] == "inline XBRL accounts"
    text = "\n\n".join(p.text for p in doc.pages)
    assert text == ("Registered number: 01234567\n\nHARROWGATE FLEET LTD\n\n"
                    "Balance sheet as at 31 March 2015\n\nNote | 2015 £ | 2014 £\n\n"
                    "Fixed assets | 4 | 1,204,000 | 980,500\n\n"
                    "Net assets | 1,318,400 | 1,091,300\n\n"
                    "The financial statements were approved by the board on 14 December 2015 "
                    "and signed on its behalf by P. Reed, Director.\n\n"
                    "Notes to the financial statements\n\n"
                    "1. Turnover fell by 12% to £4.2m after the loss of the Westmoor depot "
                    "contract.")
    # the balance sheet's date is not the accounts' date: their approval for issue is
    assert doc.published == "2015-12-14"
    assert doc.published_reason.startswith("the date the accounts were approved (iXBRL)")


def test_a_word_report_saved_as_a_web_page_keeps_its_headings_and_table(
        tmp_path: Path) -> None:
    path = tmp_path / "review.htm"
    path.write_text(WORD_PAGE, encoding="cp1252")
    doc = parse_file(path)
    assert doc.meta["document"] == "a Word document saved as a web page"
    assert _text(path) == ("Depot review\n\nMembers noted the lease.\n\nCosts\n\n"
                           "Roof | £95,000\n\nNext review: 2020.")
    assert doc.pages[0].heading == "Depot review"


def test_a_web_page_is_still_read_as_its_article(tmp_path: Path) -> None:
    page = ("<html><head><title>Depot</title></head><body><nav><ul><li>Home</li><li>News</li>"
            "<li>Sport</li></ul></nav><article><h1>Depot lease signed</h1>"
            + "".join(f"<p>The depot lease was signed in March 2015 and reviewed, paragraph "
                      f"{n} of the report on the depot.</p>" for n in range(6))
            + "</article><footer>Cookie settings</footer></body></html>")
    path = tmp_path / "news.html"
    path.write_text(page, encoding="utf-8")
    doc = parse_file(path)
    text = _text(path)
    assert "document" not in doc.meta and "paragraph 5 of the report" in text
    assert "Cookie settings" not in text and "Sport" not in text
