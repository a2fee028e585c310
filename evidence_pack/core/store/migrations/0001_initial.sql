-- Sources, their page texts, and a log of every file an import was asked to read.
CREATE TABLE pack_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE sources (
    id                  INTEGER PRIMARY KEY,
    sha256              TEXT NOT NULL UNIQUE,
    kind                TEXT NOT NULL,
    title               TEXT NOT NULL,
    author              TEXT,
    publisher           TEXT,
    url                 TEXT,
    published           TEXT,           -- ISO at true precision: 2016, 2016-02, 2016-02-08
    published_source    TEXT,           -- where the date came from: metadata, page, user
    accessed            TEXT,
    imported_at         TEXT NOT NULL,
    file_name           TEXT NOT NULL,
    file_size           INTEGER NOT NULL,
    page_count          INTEGER NOT NULL,
    status              TEXT NOT NULL CHECK (status IN ('imported', 'warnings')),
    warnings            TEXT NOT NULL DEFAULT '[]',   -- JSON list of strings
    meta                TEXT NOT NULL DEFAULT '{}'    -- JSON object
);

CREATE TABLE pages (
    source_id   INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    number      INTEGER NOT NULL,
    label       TEXT,
    heading     TEXT,
    text        TEXT NOT NULL,
    PRIMARY KEY (source_id, number)
) WITHOUT ROWID;

CREATE TABLE import_events (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    path        TEXT NOT NULL,
    sha256      TEXT,
    outcome     TEXT NOT NULL CHECK (outcome IN ('imported', 'warnings', 'duplicate', 'rejected')),
    reason      TEXT,
    source_id   INTEGER REFERENCES sources(id) ON DELETE SET NULL
);
