-- casegraph case schema, version 1. Page text is written once and never rewritten.
CREATE TABLE IF NOT EXISTS meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS documents (
    seq INTEGER PRIMARY KEY,
    doc_id TEXT NOT NULL UNIQUE,
    sha256 TEXT NOT NULL UNIQUE,
    size INTEGER NOT NULL,
    name TEXT NOT NULL,
    mime TEXT,
    title TEXT,
    language TEXT,
    parent_id TEXT REFERENCES documents (doc_id),
    root_id TEXT,
    depth INTEGER NOT NULL DEFAULT 0,
    state TEXT NOT NULL,
    failure_reason TEXT,
    failure_detail TEXT,
    metadata TEXT NOT NULL DEFAULT '{}',
    doc_date TEXT,
    page_count INTEGER NOT NULL DEFAULT 0,
    char_count INTEGER NOT NULL DEFAULT 0,
    extractor TEXT,
    added_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS documents_state ON documents (state);
CREATE INDEX IF NOT EXISTS documents_parent ON documents (parent_id);
CREATE INDEX IF NOT EXISTS documents_mime_state ON documents (mime, state);
-- the search filters type:, lang: and date:, counted on the index alone
CREATE INDEX IF NOT EXISTS documents_language_state ON documents (language, state);
CREATE INDEX IF NOT EXISTS documents_date_state ON documents (doc_date, state);
-- an e-mail's conversation: the message it answers and the replies to it
CREATE INDEX IF NOT EXISTS documents_message_id ON documents (json_extract(metadata, '$.message_id'));
CREATE INDEX IF NOT EXISTS documents_in_reply_to ON documents (json_extract(metadata, '$.in_reply_to'));

-- Every place the same bytes were seen: input files and container members.
CREATE TABLE IF NOT EXISTS paths (
    path TEXT NOT NULL,
    doc_id TEXT NOT NULL REFERENCES documents (doc_id),
    source_path TEXT,
    source_size INTEGER,
    source_mtime_ns INTEGER,
    container_id TEXT REFERENCES documents (doc_id),
    seen_at TEXT NOT NULL,
    PRIMARY KEY (path, doc_id)
);
CREATE INDEX IF NOT EXISTS paths_doc ON paths (doc_id);
CREATE INDEX IF NOT EXISTS paths_source ON paths (source_path);
-- A container's members under one of its paths (a range of paths in the order of their
-- characters' codes, which is BINARY in SQLite and "C" in PostgreSQL).
CREATE INDEX IF NOT EXISTS paths_container ON paths (container_id, path COLLATE BINARY);
-- Their trigrams, for the search filter path: (any part of a path, three characters or
-- more, case kept); kept by the trigger below, as paths are only ever added.
CREATE VIRTUAL TABLE IF NOT EXISTS path_trigrams USING fts5 (
    path,
    content = 'paths',
    tokenize = 'trigram case_sensitive 1'
);
CREATE TRIGGER IF NOT EXISTS paths_to_trigrams AFTER INSERT ON paths BEGIN
    INSERT INTO path_trigrams (rowid, path) VALUES (new.rowid, new.path);
END;

-- Input files that never became a stored blob (too large, unreadable).
CREATE TABLE IF NOT EXISTS input_failures (
    source_path TEXT PRIMARY KEY,
    path TEXT NOT NULL,
    source_size INTEGER NOT NULL,
    source_mtime_ns INTEGER NOT NULL,
    reason TEXT NOT NULL,
    detail TEXT NOT NULL,
    seen_at TEXT NOT NULL
);

-- A page's id is (documents.seq << 20) | number: the index finds its document with no join.
CREATE TABLE IF NOT EXISTS pages (
    id INTEGER PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents (doc_id),
    number INTEGER NOT NULL,
    text TEXT NOT NULL,
    needs_ocr INTEGER NOT NULL DEFAULT 0,
    source TEXT NOT NULL DEFAULT 'text_layer',
    confidence REAL,
    review TEXT,
    ocr_error TEXT,
    UNIQUE (doc_id, number)
);
CREATE INDEX IF NOT EXISTS pages_needs_ocr ON pages (needs_ocr) WHERE needs_ocr = 1;
CREATE INDEX IF NOT EXISTS pages_review ON pages (review) WHERE review IS NOT NULL;
-- status counts pages by where their text came from without reading the text
CREATE INDEX IF NOT EXISTS pages_source ON pages (source);

-- Every text a page has had, oldest first, never changed: its file's text layer, each OCR
-- run (with word boxes), each human transcription. pages.text is the one in use.
CREATE TABLE IF NOT EXISTS page_layers (
    id INTEGER PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents (doc_id),
    number INTEGER NOT NULL,
    source TEXT NOT NULL,
    text TEXT NOT NULL,
    confidence REAL,
    words TEXT,
    image TEXT,
    engine TEXT,
    created_by TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS page_layers_page ON page_layers (doc_id, number);

-- Pages whose text changed since the search index (search-index/, case/index.py) last
-- took them in: written in the transaction that changes the page, emptied once the index
-- has committed them.
CREATE TABLE IF NOT EXISTS index_queue (
    id INTEGER PRIMARY KEY,
    page_id INTEGER NOT NULL
);

-- Entity mentions: a span of a page's current text, its type, and the recogniser that found it.
CREATE TABLE IF NOT EXISTS mentions (
    id INTEGER PRIMARY KEY,
    page_id INTEGER NOT NULL REFERENCES pages (id),
    doc_id TEXT NOT NULL,
    page INTEGER NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    text TEXT NOT NULL,
    type TEXT NOT NULL,
    label TEXT,
    recognizer TEXT NOT NULL,
    entity_id TEXT,
    UNIQUE (page_id, start, end, type)
);
-- an entity's mentions, and the pages (so the documents) they stand on, from the index alone
CREATE INDEX IF NOT EXISTS mentions_entity_page ON mentions (entity_id, page_id);
CREATE INDEX IF NOT EXISTS mentions_doc ON mentions (doc_id);

-- Which stage has processed which page, with what; cleared when a page's text changes.
CREATE TABLE IF NOT EXISTS page_stages (
    page_id INTEGER NOT NULL REFERENCES pages (id),
    stage TEXT NOT NULL,
    extractor TEXT NOT NULL,
    done_at TEXT NOT NULL,
    PRIMARY KEY (page_id, stage)
);

-- Entities are rebuilt by each resolution from mentions, actors and judgements.
CREATE TABLE IF NOT EXISTS entities (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    kind TEXT,
    country TEXT,
    kb_id TEXT,
    key_type TEXT NOT NULL,
    key TEXT NOT NULL,
    lat REAL,
    lon REAL,
    feature TEXT, -- a gazetteer place: country, admin1, city or region
    mentions INTEGER NOT NULL,
    documents INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS entity_aliases (
    entity_id TEXT NOT NULL,
    alias TEXT NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (entity_id, alias)
);

-- People's merge and split decisions; they win over every later resolution.
CREATE TABLE IF NOT EXISTS judgements (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    left_type TEXT NOT NULL,
    left_key TEXT NOT NULL,
    right_type TEXT,
    right_key TEXT,
    alias TEXT,
    created_at TEXT NOT NULL
);

-- People's verdicts on what the machine found (an event, a claim, a finding), by the
-- item's content-derived id: kept across re-runs and shown wherever the item is.
CREATE TABLE IF NOT EXISTS reviews (
    item_id TEXT PRIMARY KEY,
    item_kind TEXT NOT NULL,
    verdict TEXT NOT NULL,
    note TEXT,
    reviewer TEXT NOT NULL,
    reviewed_at TEXT NOT NULL
);

-- People's notes and tags on a span of a page's text, kept as their own layer: the page
-- text is never changed. quote is the span's text when the note was made, so a note whose
-- page was transcribed since can say that its characters now read otherwise.
CREATE TABLE IF NOT EXISTS notes (
    id TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL,
    page INTEGER NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    quote TEXT NOT NULL,
    text TEXT NOT NULL,
    tag TEXT,
    author TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS notes_doc ON notes (doc_id, page);
CREATE INDEX IF NOT EXISTS notes_tag ON notes (tag, doc_id);

-- The notes only their author sees (a reader's, on a server case, until shared); a note not
-- listed here is seen by everyone who may read the case.
CREATE TABLE IF NOT EXISTS private_notes (
    note_id TEXT PRIMARY KEY REFERENCES notes (id) ON DELETE CASCADE
);

-- People's marks on whole documents: starred, read. A row is a mark that is set.
CREATE TABLE IF NOT EXISTS marks (
    doc_id TEXT NOT NULL,
    mark TEXT NOT NULL,
    author TEXT NOT NULL,
    set_at TEXT NOT NULL,
    PRIMARY KEY (mark, doc_id)
);

-- Events and claims found on a page; redone with the page's mentions.
CREATE TABLE IF NOT EXISTS events (
    id TEXT PRIMARY KEY,
    page_id INTEGER NOT NULL REFERENCES pages (id),
    doc_id TEXT NOT NULL,
    page INTEGER NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    trigger_start INTEGER NOT NULL,
    trigger_end INTEGER NOT NULL,
    category TEXT NOT NULL,
    mode TEXT NOT NULL,
    quad TEXT NOT NULL,
    intensity REAL NOT NULL,
    negated INTEGER NOT NULL,
    hypothetical INTEGER NOT NULL,
    date TEXT,
    date_from TEXT,
    extractor TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS events_page ON events (page_id);
CREATE INDEX IF NOT EXISTS events_category ON events (category);

CREATE TABLE IF NOT EXISTS claims (
    id TEXT PRIMARY KEY,
    page_id INTEGER NOT NULL REFERENCES pages (id),
    doc_id TEXT NOT NULL,
    page INTEGER NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    kind TEXT NOT NULL,
    hedged INTEGER NOT NULL,
    extractor TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS claims_page ON claims (page_id);

-- The parts of an event or claim: spans of page text (source, target, location, date,
-- issuer, speaker, cue, content) and, once linked, the entity each names. reported_by rows
-- have no span: they come from the claims around an event, or the document's author.
CREATE TABLE IF NOT EXISTS roles (
    owner_id TEXT NOT NULL,
    page_id INTEGER NOT NULL,
    role TEXT NOT NULL,
    ordinal INTEGER NOT NULL,
    start INTEGER,
    end INTEGER,
    text TEXT NOT NULL,
    entity_id TEXT,
    PRIMARY KEY (owner_id, role, ordinal)
);
CREATE INDEX IF NOT EXISTS roles_page ON roles (page_id);
CREATE INDEX IF NOT EXISTS roles_entity ON roles (entity_id);

-- Which events a claim's content holds.
CREATE TABLE IF NOT EXISTS claim_events (
    claim_id TEXT NOT NULL,
    event_id TEXT NOT NULL,
    PRIMARY KEY (claim_id, event_id)
);
CREATE INDEX IF NOT EXISTS claim_events_event ON claim_events (event_id);

-- Who each document speaks for (its letterhead, sender or byline), as linking found it.
CREATE TABLE IF NOT EXISTS document_authors (
    doc_id TEXT PRIMARY KEY,
    entity_id TEXT,
    name TEXT NOT NULL
);

-- A date read from the opening lines of a document that stores none ("14 October 2015"
-- under a press story's headline), as linking found it; documents.doc_date stays as stored.
CREATE TABLE IF NOT EXISTS document_text_dates (
    doc_id TEXT PRIMARY KEY,
    date TEXT NOT NULL
);

-- Pages (page >= 1) or whole documents (page 0) that a later stage (entities, link) failed
-- on; the run went on without them. Cleared when the stage next succeeds on the item.
CREATE TABLE IF NOT EXISTS stage_failures (
    stage TEXT NOT NULL,
    doc_id TEXT NOT NULL REFERENCES documents (doc_id),
    page INTEGER NOT NULL,
    extractor TEXT NOT NULL,
    detail TEXT NOT NULL,
    failed_at TEXT NOT NULL,
    PRIMARY KEY (stage, doc_id, page)
);
