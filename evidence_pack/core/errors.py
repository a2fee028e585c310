"""Exceptions raised by the core.

    EvidencePackError                 base of everything the core raises on purpose
    ├── PackError                     the pack folder itself is unusable
    │   ├── PackNotFound              no pack at that path
    │   ├── PackExists                `new` on a folder that already holds a pack
    │   └── SchemaTooNew              written by a newer version of the app
    ├── RejectedFile                  an input file cannot be imported; `reason` says why
    ├── SourceNotFound                no source (or page) with that id in the pack
    ├── ClaimNotFound                 no claim (or citation) with that id
    ├── QuoteNotFound                 a quote that does not occur on the page cited
    ├── DateNotUnderstood             a date the user typed that cannot be read
    ├── InvalidValue                  a status, stance or other field outside its choices
    ├── NothingToUndo / NothingToRedo
    ├── UndoConflict                  a later change makes this undo impossible
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


class PackDamaged(PackError):
    """The database is damaged and no sound backup exists to restore."""


class SchemaTooNew(PackError):
    pass


class RejectedFile(EvidencePackError):
    """A file that cannot be imported. `reason` is shown to the user as is; `hint`, when
    given, says what they can do about it ("save it as PDF and import that")."""

    def __init__(self, reason: str, hint: str | None = None) -> None:
        super().__init__(f"{reason} ({hint})" if hint else reason)
        self.reason = reason
        self.hint = hint


class SourceNotFound(EvidencePackError):
    pass


class SearchSyntaxError(EvidencePackError):
    pass


class ClaimNotFound(EvidencePackError):
    pass


class QuoteNotFound(EvidencePackError):
    pass


class DateNotUnderstood(EvidencePackError):
    pass


class InvalidValue(EvidencePackError):
    pass


class NothingToUndo(EvidencePackError):
    pass


class NothingToRedo(EvidencePackError):
    pass


class UndoConflict(EvidencePackError):
    pass
