-- Assessment templates (考核模板, src/report/assessment.h), one list of versions per year and
-- side: an edit adds a version, and scores name the version they used. With no row the shipped
-- template applies. The body is the template's JSON (report::TemplateJson).
CREATE TABLE assessment_template (
  id         INTEGER PRIMARY KEY,
  year       INTEGER NOT NULL,
  side       TEXT NOT NULL CHECK (side IN ('east', 'west')),
  version    INTEGER NOT NULL CHECK (version >= 1),
  body       TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  created_by TEXT NOT NULL DEFAULT '',
  UNIQUE (year, side, version)
);
