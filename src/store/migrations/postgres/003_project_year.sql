-- The year of a project (项目年度): the annual batch of cooperation projects it belongs to, so
-- "24 projects in 2021" can be counted. Field order in record_kinds.cc puts it after the
-- category; the column is appended here (the store names its columns, never uses their order).
ALTER TABLE project ADD COLUMN year BIGINT;
CREATE INDEX project_year ON project (year);
