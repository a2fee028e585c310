"""Writing the sample story's documents (resources/sample/story.py) as real files.

The files are generated rather than shipped so that they always match the story text the
claims quote, and so that the team wrote every byte of them.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

from evidence_pack.resources import resources_dir

# Which generated file each citation key in the story refers to.
CITATION_FILES = {
    "board": "ccg-governing-body-2015-03-12-diagnostic-imaging.pdf",
    "minutes": "health-scrutiny-minutes-2015-06-24.pdf",
    "early": "gazette-2014-11-scanning-bids.html",
    "late": "gazette-2016-02-scanning-waits.html",
    "letter": "chief-officer-letter-signed.pdf",
}
SCHEDULE_FILE = "contract-schedule-4-pricing.pdf"
LETTER_FILE = CITATION_FILES["letter"]


def load_story() -> ModuleType:
    path = resources_dir() / "sample" / "story.py"
    spec = importlib.util.spec_from_file_location("evidence_pack_sample_story", path)
    if spec is None or spec.loader is None:
        raise FileNotFoundError(f"the sample story is missing: {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def write_sample_files(folder: Path) -> list[Path]:
    """Every sample document, including the one import must refuse, in `folder`."""
    from evidence_pack.generate.pdf_writer import write_pdf
    from evidence_pack.generate.web_pages import write_article_html

    story = load_story()
    folder.mkdir(parents=True, exist_ok=True)
    written = [
        write_pdf(
            folder / CITATION_FILES["board"],
            story.BOARD_PAGES,
            title=story.BOARD_TITLE,
            author=story.BOARD_AUTHOR,
            creation_date=story.BOARD_DATE,
        ),
        write_pdf(
            folder / CITATION_FILES["minutes"],
            story.MINUTES_PAGES,
            title=story.MINUTES_TITLE,
            author=story.MINUTES_AUTHOR,
            creation_date=story.MINUTES_DATE,
        ),
    ]
    for article in (story.EARLY_ARTICLE, story.LATE_ARTICLE):
        written.append(
            write_article_html(
                folder / article["file"],
                title=article["title"],
                body_paragraphs=article["paragraphs"],
                author=article["author"],
                site_name=article["site"],
                published=article["published"],
                canonical_url=article["url"],
            )
        )
    written.append(
        write_pdf(
            folder / SCHEDULE_FILE,
            story.SCHEDULE_PAGES,
            title=story.SCHEDULE_TITLE,
            password=story.SCHEDULE_PASSWORD,
        )
    )
    written.append(
        write_pdf(
            folder / LETTER_FILE,
            [story.LETTER_LINES],
            title=story.LETTER_TITLE,
            image_only_pages={0},
        )
    )
    return written
