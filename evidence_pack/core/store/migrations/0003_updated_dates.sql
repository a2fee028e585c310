-- A source keeps its last update as well as its first publication, each with its basis
-- (metadata, byline, text, address, user; published_source holds the publication's) and
-- the reason it was chosen; and the passages written after publication (dated edit notes),
-- whose relative words resolve against their own date.
ALTER TABLE sources ADD COLUMN published_reason TEXT;
ALTER TABLE sources ADD COLUMN updated TEXT;
ALTER TABLE sources ADD COLUMN updated_basis TEXT;
ALTER TABLE sources ADD COLUMN updated_reason TEXT;
ALTER TABLE sources ADD COLUMN accessed_basis TEXT;

CREATE TABLE dated_passages (
    source_id   INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    page        INTEGER NOT NULL,
    start       INTEGER NOT NULL,
    "end"       INTEGER NOT NULL,
    written     TEXT NOT NULL,      -- ISO at its precision: 2016-02, 2016-03-03
    wording     TEXT NOT NULL,      -- the edit note's marker: "EDIT FEB 2016:"
    PRIMARY KEY (source_id, page, start)
) WITHOUT ROWID;
