-- Pages whose text was read from the page image by OCR: how well, how the image was turned
-- to read it, and where each word is on the page (format in core/ocr/boxes.py). Page
-- images are not stored: they are rendered again from the original file (files/<sha256>).
CREATE TABLE ocr_pages (
    source_id   INTEGER NOT NULL,
    number      INTEGER NOT NULL,
    engine      TEXT NOT NULL,          -- "tesseract 5.5.4 eng"
    confidence  REAL NOT NULL,          -- mean word confidence, 0..100
    low_confidence INTEGER NOT NULL DEFAULT 0,
    rotation    INTEGER NOT NULL DEFAULT 0,  -- degrees turned clockwise to read it upright
    skew        REAL NOT NULL DEFAULT 0,     -- degrees turned counter-clockwise after that
    dpi         REAL NOT NULL DEFAULT 0,     -- resolution it was read at
    note        TEXT,                   -- why nothing was read, when nothing was
    words       TEXT NOT NULL DEFAULT '{"v": 1, "words": []}',  -- JSON word boxes
    PRIMARY KEY (source_id, number),
    FOREIGN KEY (source_id, number) REFERENCES pages(source_id, number) ON DELETE CASCADE
) WITHOUT ROWID;
