"""Exceptions raised by the core.

    EvidencePackError                 base of everything the core raises on purpose
    ├── PackError                     the pack folder itself is unusable
    │   ├── PackNotFound              no pack at that path
    │   ├── PackExists                `new` on a folder that already holds a pack
    │   └── SchemaTooNew              written by a newer version of the app
    ├── RejectedFile                  an input file cannot be imported; `reason` says why
    ├── SourceNotFound                no source with that id in the pack
    └── SearchSyntaxError             a query the parser cannot read

Anything else escaping the core is a bug.
"""

from __future__ import annotations


class EvidencePackError(Exception):
    """Base class for errors the core raises deliberately."""


class PackError(EvidencePackError):
    pass


class PackNotFound(PackError):
    pass


class PackExists(PackError):
    pass


class SchemaTooNew(PackError):
    pass


class RejectedFile(EvidencePackError):
    """A file that cannot be imported. `reason` is shown to the user as is."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class SourceNotFound(EvidencePackError):
    pass


class SearchSyntaxError(EvidencePackError):
    pass
