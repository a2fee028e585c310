-- An email's attachments (and the files inside a .zip attached to it) are sources of their
-- own, linked to the email that carried them: the Library shows them under it, and a
-- footnote names both. NULL for a file imported on its own.
ALTER TABLE sources ADD COLUMN parent_id INTEGER REFERENCES sources(id) ON DELETE SET NULL;
CREATE INDEX sources_by_parent ON sources(parent_id);
