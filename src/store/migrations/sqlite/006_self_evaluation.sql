-- Texts and files of a submission, for forms that hold more than figures: the assessment
-- self-evaluation (考核自评, a submission of the pseudo data set "assessment_self" per region and
-- year) keeps each item's explanation and the partner side's opinion as texts, its self-given
-- points as values, and its evidence as files.

-- One text field; an empty one has no row. Replaced with the values on every write.
CREATE TABLE submission_text (
  submission_id INTEGER NOT NULL,
  field         TEXT NOT NULL,
  text          TEXT NOT NULL,
  PRIMARY KEY (submission_id, field)
);

-- A file attached to one field of a submission (evidence for an item), base64 in `data`.
CREATE TABLE submission_file (
  id            INTEGER PRIMARY KEY,
  submission_id INTEGER NOT NULL,
  field         TEXT NOT NULL,
  filename      TEXT NOT NULL,
  content_type  TEXT NOT NULL,
  size          INTEGER NOT NULL,
  data          TEXT NOT NULL,
  uploaded_at   INTEGER NOT NULL,
  uploaded_by   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX submission_file_submission ON submission_file (submission_id, field, id);
