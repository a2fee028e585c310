"""Application settings: one QSettings, created once and passed around inside AppSettings."""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

MAX_RECENT = 8
CITATION_STYLES = (
    ("notes", "Notes (House of Commons Library)"),
    ("oscola", "OSCOLA"),
    ("harvard", "Harvard"),
)


class AppSettings:
    """Typed access to the few settings the app keeps. Never call QSettings() elsewhere."""

    def __init__(self, qsettings: QSettings) -> None:
        self._s = qsettings

    @classmethod
    def for_user(cls) -> AppSettings:
        return cls(QSettings("Evidence Pack", "Evidence Pack"))

    @classmethod
    def in_file(cls, path: str | Path) -> AppSettings:
        """A settings file at `path` (tests and screenshots use this to stay isolated)."""
        return cls(QSettings(str(path), QSettings.Format.IniFormat))

    def sync(self) -> None:
        self._s.sync()

    # ---- recent packs --------------------------------------------------------------

    def recent_packs(self) -> list[str]:
        value = self._s.value("recent/packs", [])
        if isinstance(value, str):
            value = [value]
        return [str(v) for v in (value or []) if v]

    def add_recent_pack(self, path: str | Path) -> None:
        text = str(path)
        items = [p for p in self.recent_packs() if p != text]
        self._s.setValue("recent/packs", [text, *items][:MAX_RECENT])

    def remove_recent_pack(self, path: str | Path) -> None:
        self._s.setValue("recent/packs", [p for p in self.recent_packs() if p != str(path)])

    # ---- window --------------------------------------------------------------------

    def window_geometry(self) -> QByteArray | None:
        return _bytes(self._s.value("window/geometry"))

    def window_state(self) -> QByteArray | None:
        return _bytes(self._s.value("window/state"))

    def save_window(self, geometry: QByteArray, state: QByteArray) -> None:
        self._s.setValue("window/geometry", geometry)
        self._s.setValue("window/state", state)

    # ---- preferences ---------------------------------------------------------------

    @property
    def citation_style(self) -> str:
        value = str(self._s.value("prefs/citation_style", "notes"))
        return value if value in dict(CITATION_STYLES) else "notes"

    @citation_style.setter
    def citation_style(self, value: str) -> None:
        self._s.setValue("prefs/citation_style", value)

    @property
    def day_first(self) -> bool:
        return _bool(self._s.value("prefs/day_first", True))

    @day_first.setter
    def day_first(self, value: bool) -> None:
        self._s.setValue("prefs/day_first", bool(value))

    @property
    def default_author(self) -> str:
        return str(self._s.value("prefs/default_author", "") or "")

    @default_author.setter
    def default_author(self, value: str) -> None:
        self._s.setValue("prefs/default_author", value.strip())

    # ---- the reader -----------------------------------------------------------------

    @property
    def reader_view(self) -> str:
        """ "page" (the page as printed, or the reading view) or "text" (what screen
        readers read)."""
        value = str(self._s.value("reader/view", ""))
        if value in ("page", "text"):
            return value
        from PySide6.QtGui import QAccessible

        # until the user chooses: the text view when a screen reader is running
        return "text" if QAccessible.isActive() else "page"

    @reader_view.setter
    def reader_view(self, value: str) -> None:
        self._s.setValue("reader/view", value)

    @property
    def reader_zoom(self) -> str:
        """ "width", "page" or a zoom factor ("1.25")."""
        return str(self._s.value("reader/zoom", "width") or "width")

    @reader_zoom.setter
    def reader_zoom(self, value: str) -> None:
        self._s.setValue("reader/zoom", value)

    @property
    def reader_thumbnails(self) -> bool:
        return _bool(self._s.value("reader/thumbnails", True))

    @reader_thumbnails.setter
    def reader_thumbnails(self, value: bool) -> None:
        self._s.setValue("reader/thumbnails", bool(value))

    # ---- the export dialog's last choices --------------------------------------------

    def export_choices(self) -> dict[str, object]:
        """Sections left out, exhibits, open-when-done and output per pack, as last used."""
        left_out = self._s.value("export/leave_out", [])
        if isinstance(left_out, str):
            left_out = [left_out] if left_out else []
        return {"leave_out": [str(x) for x in (left_out or [])],
                "exhibits": _bool(self._s.value("export/exhibits", False)),
                "open_when_done": _bool(self._s.value("export/open_when_done", True))}

    def save_export_choices(self, leave_out: list[str], exhibits: bool,
                            open_when_done: bool) -> None:
        self._s.setValue("export/leave_out", list(leave_out))
        self._s.setValue("export/exhibits", bool(exhibits))
        self._s.setValue("export/open_when_done", bool(open_when_done))

    def export_output(self, pack_folder: str | Path) -> str | None:
        value = self._s.value(f"export/output/{_key(pack_folder)}")
        return str(value) if value else None

    def set_export_output(self, pack_folder: str | Path, output: str | Path) -> None:
        self._s.setValue(f"export/output/{_key(pack_folder)}", str(output))

    @property
    def last_folder(self) -> str:
        return str(self._s.value("paths/last_folder", "") or str(Path.home()))

    @last_folder.setter
    def last_folder(self, value: str) -> None:
        self._s.setValue("paths/last_folder", value)


def _bytes(value: object) -> QByteArray | None:
    if isinstance(value, QByteArray) and not value.isEmpty():
        return value
    if isinstance(value, bytes | bytearray) and value:
        return QByteArray(bytes(value))
    return None


def _key(path: str | Path) -> str:
    """A settings key for a path (QSettings treats / and \\ as groups)."""
    return hashlib.sha1(str(path).encode("utf-8")).hexdigest()[:16]


def _bool(value: object) -> bool:
    if isinstance(value, str):
        return value.lower() in ("1", "true", "yes")
    return bool(value)
