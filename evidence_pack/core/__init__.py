"""Qt-free core: everything the app does, usable headless."""
