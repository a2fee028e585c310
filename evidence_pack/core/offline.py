"""Making sure nothing leaves the machine.

The app never needs the network: trafilatura and htmldate are given the file's bytes and
never fetch, and nothing else opens a socket. The parser worker (which handles untrusted
files) and, under test, the app itself refuse any connection outright, so a library that
starts phoning home fails loudly instead of quietly leaking what the user is reading.
"""

from __future__ import annotations

import socket
from typing import Any

_ALLOWED_FAMILIES = {getattr(socket, "AF_UNIX", None)}  # multiprocessing pipes on POSIX


class NetworkForbidden(RuntimeError):
    pass


def forbid_network() -> None:
    """Make every outward connection in this process raise NetworkForbidden."""
    if getattr(socket.socket.connect, "_evidence_pack_guard", False):
        return

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise NetworkForbidden(f"network access attempted: {args[1:] or kwargs}")

    original_connect = socket.socket.connect
    original_connect_ex = socket.socket.connect_ex

    def connect(self: socket.socket, address: Any) -> Any:
        if self.family in _ALLOWED_FAMILIES:
            return original_connect(self, address)
        raise NetworkForbidden(f"network access attempted: {address!r}")

    def connect_ex(self: socket.socket, address: Any) -> Any:
        if self.family in _ALLOWED_FAMILIES:
            return original_connect_ex(self, address)
        raise NetworkForbidden(f"network access attempted: {address!r}")

    connect._evidence_pack_guard = True  # type: ignore[attr-defined]
    socket.socket.connect = connect  # type: ignore[method-assign]
    socket.socket.connect_ex = connect_ex  # type: ignore[method-assign]
    socket.create_connection = refuse  # type: ignore[assignment]
    socket.getaddrinfo = refuse  # type: ignore[assignment]
