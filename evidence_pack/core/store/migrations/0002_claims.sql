-- Claims, the passages cited for them, tags, remembered conflict dismissals, and the
-- journal of operations that undo and redo replay.
CREATE TABLE claims (
    id              INTEGER PRIMARY KEY,
    statement       TEXT NOT NULL,
    event_value     TEXT,           -- TIMEX3-style value: 2015-01, 2014, 2014-Q4
    event_precision TEXT,
    event_earliest  TEXT,           -- ISO day bounding the interval
    event_latest    TEXT,
    event_mod       TEXT,
    event_label     TEXT,           -- wording it came from: "late 2014"
    event_origin    TEXT CHECK (event_origin IN ('user', 'citation')),
    status          TEXT NOT NULL DEFAULT 'draft'
                    CHECK (status IN ('draft', 'checked', 'disputed')),
    notes           TEXT NOT NULL DEFAULT '',
    questions       TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);

CREATE TABLE claim_tags (
    claim_id    INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    tag         TEXT NOT NULL,
    PRIMARY KEY (claim_id, tag)
) WITHOUT ROWID;

CREATE TABLE citations (
    id          INTEGER PRIMARY KEY,
    claim_id    INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    source_id   INTEGER NOT NULL REFERENCES sources(id) ON DELETE RESTRICT,
    page        INTEGER NOT NULL,
    start       INTEGER NOT NULL,
    "end"       INTEGER NOT NULL,
    quote       TEXT NOT NULL,
    stance      TEXT NOT NULL DEFAULT 'supports'
                CHECK (stance IN ('supports', 'contradicts', 'context')),
    note        TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL
);
CREATE INDEX citations_by_claim ON citations(claim_id);
CREATE INDEX citations_by_source ON citations(source_id, page);

-- A possible conflict the user looked at and set aside; keyed by the passage, not by row
-- ids, so it stays dismissed when the check runs again.
CREATE TABLE dismissals (
    claim_id    INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    passage_key TEXT NOT NULL,
    dismissed_at TEXT NOT NULL,
    PRIMARY KEY (claim_id, passage_key)
) WITHOUT ROWID;

-- Every operation as before/after row images (JSON), so undo and redo work across
-- sessions and from the CLI as well as the app.
CREATE TABLE op_journal (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    label       TEXT NOT NULL,
    changes     TEXT NOT NULL,
    undone      INTEGER NOT NULL DEFAULT 0
);
