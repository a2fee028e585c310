"""Saved news pages: an article inside the navigation, banners and footers real sites have,
as plain .html or as Chrome's single-file .mhtml."""

from __future__ import annotations

import base64
import html
import quopri
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

# A 1x1 grey PNG: Chrome's archives carry the page's images as extra parts.
_PIXEL = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNgAAAAAgABSK+kcQAAAABJRU5ErkJggg=="
)


def article_html(
    *,
    title: str,
    body_paragraphs: Sequence[str],
    author: str | None = None,
    site_name: str | None = None,
    published: str | None = None,
    canonical_url: str | None = None,
    with_boilerplate: bool = True,
) -> str:
    e = html.escape
    head = [f"<title>{e(title)}{' | ' + e(site_name) if site_name else ''}</title>",
            '<meta charset="utf-8">', f'<meta property="og:title" content="{e(title)}">']
    if site_name:
        head.append(f'<meta property="og:site_name" content="{e(site_name)}">')
    if author:
        head.append(f'<meta name="author" content="{e(author)}">')
    if published:
        head.append(f'<meta property="article:published_time" content="{published}T08:30:00Z">')
    if canonical_url:
        head.append(f'<link rel="canonical" href="{e(canonical_url)}">')
    byline = f'<p class="byline">By <span class="author">{e(author)}</span></p>' if author else ""
    when = ""
    if published:
        day = datetime.fromisoformat(published)
        shown = f"{day.day} {day:%B %Y}"
        when = f'<time datetime="{published}T08:30:00Z">{shown}</time>'
    paragraphs = "\n".join(f"<p>{e(p)}</p>" for p in body_paragraphs)
    article = f"<article><h1>{e(title)}</h1>{byline}{when}\n{paragraphs}\n</article>"
    if not with_boilerplate:
        body = article
    else:
        site = e(site_name or "Local News")
        body = f"""<header><a class="logo" href="/">{site}</a>
<nav><ul><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li>
<li><a href="/whats-on">What's on</a></li><li><a href="/jobs">Jobs</a></li></ul></nav></header>
<div class="cookie-banner">We use cookies to give you the best experience on our website.
<button>Accept all cookies</button> <button>Manage preferences</button></div>
<main><div class="share">Share this article on Facebook, X or by email</div>
{article}
<aside class="most-read"><h2>Most read</h2><ol>
<li><a href="/a">Roadworks to close the ring road for three weekends</a></li>
<li><a href="/b">Town hall clock restored after two years</a></li>
<li><a href="/c">Readers' photos: autumn in the park</a></li></ol></aside></main>
<footer><p>&copy; {site}. All rights reserved.</p><p><a href="/privacy">Privacy policy</a>
 <a href="/terms">Terms and conditions</a> <a href="/contact">Contact us</a></p></footer>"""
    return (
        '<!DOCTYPE html>\n<html lang="en-GB"><head>\n' + "\n".join(head)
        + f"\n</head><body>\n{body}\n</body></html>\n"
    )


def write_article_html(path: Path, **article: object) -> Path:
    path = Path(path)
    path.write_text(article_html(**article), encoding="utf-8")  # type: ignore[arg-type]
    return path


def write_article_mhtml(path: Path, *, saved: str = "2016-02-18", **article: object) -> Path:
    """The article as Chrome's "Save page as... single file" writes it."""
    path = Path(path)
    page = article_html(**article)  # type: ignore[arg-type]
    url = str(article.get("canonical_url") or "https://news.example/article")
    boundary = "----MultipartBoundary--evidencepack0123456789----"
    date = datetime.fromisoformat(saved).strftime("%a, %d %b %Y 10:15:00 -0000")
    encoded = quopri.encodestring(page.encode("utf-8")).decode("ascii")
    image = base64.encodebytes(_PIXEL).decode("ascii")
    text = (
        "From: <Saved by Blink>\r\n"
        f"Snapshot-Content-Location: {url}\r\n"
        f"Subject: {article.get('title', '')}\r\n"
        f"Date: {date}\r\n"
        "MIME-Version: 1.0\r\n"
        "Content-Type: multipart/related;\r\n"
        '\ttype="text/html";\r\n'
        f'\tboundary="{boundary}"\r\n\r\n\r\n'
        f"--{boundary}\r\n"
        "Content-Type: text/html\r\n"
        "Content-ID: <frame-0@mhtml.blink>\r\n"
        "Content-Transfer-Encoding: quoted-printable\r\n"
        f"Content-Location: {url}\r\n\r\n"
        f"{encoded}\r\n"
        f"--{boundary}\r\n"
        "Content-Type: image/png\r\n"
        "Content-Transfer-Encoding: base64\r\n"
        f"Content-Location: {url.rstrip('/')}/pixel.png\r\n\r\n"
        f"{image}\r\n"
        f"--{boundary}--\r\n"
    )
    path.write_bytes(text.encode("ascii"))
    return path
