-- Foundation: regions, roles, users, sessions, institutions and the audit log.
-- Times are seconds since the epoch; booleans are 0/1.
CREATE TABLE region (
  code        TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  level       INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),
  parent_code TEXT NOT NULL DEFAULT '',
  child_count INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX region_parent ON region (parent_code, code);
CREATE INDEX region_name ON region (name);

CREATE TABLE role (
  code        TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  name_en     TEXT NOT NULL,
  permissions TEXT NOT NULL
);

CREATE TABLE app_user (
  id                   INTEGER PRIMARY KEY,
  username             TEXT NOT NULL UNIQUE,
  display_name         TEXT NOT NULL,
  role                 TEXT NOT NULL REFERENCES role (code),
  scope_region_code    TEXT NOT NULL DEFAULT '',
  scope_institution_id INTEGER NOT NULL DEFAULT 0,
  disabled             INTEGER NOT NULL DEFAULT 0,
  password_hash        TEXT NOT NULL,
  created_at           INTEGER NOT NULL,
  updated_at           INTEGER NOT NULL,
  last_login_at        INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE user_session (
  token_hash          TEXT PRIMARY KEY,
  user_id             INTEGER NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  csrf_token          TEXT NOT NULL,
  created_at          INTEGER NOT NULL,
  expires_at          INTEGER NOT NULL,
  absolute_expires_at INTEGER NOT NULL,
  remote_addr         TEXT NOT NULL DEFAULT ''
);
CREATE INDEX user_session_user ON user_session (user_id);

CREATE TABLE institution (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL,
  kind        TEXT NOT NULL,
  region_code TEXT NOT NULL REFERENCES region (code),
  credit_code TEXT NOT NULL DEFAULT '',
  address     TEXT NOT NULL DEFAULT '',
  contact     TEXT NOT NULL DEFAULT '',
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL,
  deleted_at  INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX institution_region ON institution (region_code);
CREATE UNIQUE INDEX institution_credit_code ON institution (credit_code)
  WHERE credit_code <> '' AND deleted_at = 0;

CREATE TABLE audit_log (
  id          INTEGER PRIMARY KEY,
  at          INTEGER NOT NULL,
  user_id     INTEGER NOT NULL DEFAULT 0,
  username    TEXT NOT NULL DEFAULT '',
  action      TEXT NOT NULL,
  entity      TEXT NOT NULL,
  entity_id   TEXT NOT NULL DEFAULT '',
  before_json TEXT,
  after_json  TEXT,
  remote_addr TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id);
