"""Building the sample pack end to end: files, import, claims with their citations."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from evidence_pack.core.import_report import ImportReport
from evidence_pack.core.operations import CitationSpec, Operations
from evidence_pack.core.pack import Pack
from evidence_pack.core.progress import ProgressFn, no_progress
from evidence_pack.demo.sample_files import CITATION_FILES, load_story, write_sample_files


@dataclass
class SamplePack:
    pack: Pack
    documents: Path
    report: ImportReport
    claim_ids: list[int]


def build_sample_pack(folder: Path, *, progress: ProgressFn = no_progress) -> SamplePack:
    """Create `folder`/documents and `folder`/northfield.evpack with the story's claims.

    The caller owns (and must close) the returned pack.
    """
    folder.mkdir(parents=True, exist_ok=True)
    documents = folder / "documents"
    progress(0, 3, "writing the sample documents")
    write_sample_files(documents)
    pack = Pack.create(folder / "northfield.evpack", title="Northfield diagnostic imaging")
    try:
        progress(1, 3, "importing them")
        report = pack.add([documents])
        source_ids = {
            key: _source_for(report, name) for key, name in CITATION_FILES.items()
        }
        progress(2, 3, "recording the claims")
        claim_ids = _create_claims(Operations(pack), source_ids)
    except BaseException:
        pack.close()
        raise
    progress(3, 3, "sample pack ready")
    return SamplePack(pack, documents, report, claim_ids)


def _source_for(report: ImportReport, file_name: str) -> int:
    for item in report.imported:
        if item.source.file_name == file_name:
            return item.source.id
    reasons = {f.path: f.reason for f in report.failed}
    raise RuntimeError(f"the sample document {file_name} did not import: {reasons}")


def _create_claims(ops: Operations, source_ids: dict[str, int]) -> list[int]:
    ids = []
    for claim in load_story().CLAIMS:
        changes = ops.create_claim(
            claim["statement"],
            event=claim["date"],
            tags=claim["tags"],
            status=claim["status"],
            questions=claim["questions"],
            citations=[
                CitationSpec(source_id=source_ids[key], page=page, quote=quote)
                for key, page, quote in claim["citations"]
            ],
        )
        ids.append(changes.new_id)
    return ids
