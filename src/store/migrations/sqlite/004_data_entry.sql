-- Aggregate data entry (数据填报, src/model/dataset.h): an office's values of one data set for
-- one region and period, where it stands in the approval workflow, and each step taken. The
-- data sets themselves are shipped in code; only their deadlines are set here.

-- An administrator's deadline for a data set: days after the period's end (the shipped default
-- applies when there is no row).
CREATE TABLE dataset_setting (
  dataset       TEXT PRIMARY KEY,
  deadline_days INTEGER NOT NULL CHECK (deadline_days >= 0),
  updated_at    INTEGER NOT NULL,
  updated_by    TEXT NOT NULL DEFAULT ''
);

CREATE TABLE submission (
  id          INTEGER PRIMARY KEY,
  dataset     TEXT NOT NULL,
  region_code TEXT NOT NULL,
  period      TEXT NOT NULL,
  status      TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'returned', 'approved')),
  approvals   INTEGER NOT NULL DEFAULT 0,
  version     INTEGER NOT NULL DEFAULT 1,
  comment     TEXT NOT NULL DEFAULT '',
  created_at  INTEGER NOT NULL,
  created_by  TEXT NOT NULL DEFAULT '',
  updated_at  INTEGER NOT NULL,
  updated_by  TEXT NOT NULL DEFAULT '',
  UNIQUE (dataset, region_code, period)
);
CREATE INDEX submission_region ON submission (region_code, dataset, period);

-- One entered value; a field left empty has no row.
CREATE TABLE submission_value (
  submission_id INTEGER NOT NULL,
  field         TEXT NOT NULL,
  value         INTEGER NOT NULL,
  PRIMARY KEY (submission_id, field)
);

-- The workflow trail: who saved, submitted, approved, returned or un-approved, and the state
-- it left the submission in.
CREATE TABLE submission_event (
  id            INTEGER PRIMARY KEY,
  submission_id INTEGER NOT NULL,
  at            INTEGER NOT NULL,
  user_id       INTEGER NOT NULL DEFAULT 0,
  username      TEXT NOT NULL DEFAULT '',
  action        TEXT NOT NULL,
  status        TEXT NOT NULL,
  approvals     INTEGER NOT NULL,
  comment       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX submission_event_submission ON submission_event (submission_id, id);
