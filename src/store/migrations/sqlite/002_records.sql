-- Cooperation records (协作台账): one table per kind of record, its columns the kind's fields
-- (src/model/record_kinds.cc) plus bookkeeping. Written from record_sql::TableDdl; the schema
-- test checks every kind against its table. Money is integer fen, dates are 'YYYY-MM-DD',
-- percent is hundredths of a percent, deletion is soft (deleted_at > 0).

-- Every party of a pairing (main and 1+X extras, both sides), so a pairing and its records
-- can be found, and read, from either side.
CREATE TABLE pairing_party (
  pairing_id  INTEGER NOT NULL,
  side        TEXT NOT NULL CHECK (side IN ('east', 'west')),
  region_code TEXT NOT NULL,
  PRIMARY KEY (pairing_id, side, region_code)
);
CREATE INDEX pairing_party_region ON pairing_party (region_code, pairing_id);

-- A file attached to a record (a pairing's signed agreement), base64 so both backends keep
-- it in the same text column and one backup holds everything.
CREATE TABLE record_attachment (
  kind         TEXT NOT NULL,
  record_id    INTEGER NOT NULL,
  filename     TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size         INTEGER NOT NULL,
  data         TEXT NOT NULL,
  uploaded_at  INTEGER NOT NULL,
  uploaded_by  TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (kind, record_id)
);

CREATE TABLE pairing (
  id INTEGER PRIMARY KEY,
  version INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  created_by TEXT NOT NULL DEFAULT '',
  updated_by TEXT NOT NULL DEFAULT '',
  deleted_at INTEGER NOT NULL DEFAULT 0,
  name TEXT,
  level TEXT,
  region_code TEXT,
  east_region_code TEXT,
  east_institution_id INTEGER,
  east_extra TEXT,
  west_region_code TEXT,
  west_institution_id INTEGER,
  west_extra TEXT,
  signed_date TEXT,
  end_date TEXT,
  status TEXT,
  agreement_ref TEXT,
  note TEXT
);
CREATE INDEX pairing_region ON pairing (region_code);

CREATE TABLE agreement_target (
  id INTEGER PRIMARY KEY,
  version INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  created_by TEXT NOT NULL DEFAULT '',
  updated_by TEXT NOT NULL DEFAULT '',
  deleted_at INTEGER NOT NULL DEFAULT 0,
  pairing_id INTEGER,
  region_code TEXT,
  year INTEGER,
  funds_fen INTEGER,
  cadres INTEGER,
  professionals INTEGER,
  labour_transfers INTEGER,
  consumption_fen INTEGER,
  enterprises INTEGER,
  investment_fen INTEGER,
  trained_persons INTEGER,
  note TEXT
);
CREATE INDEX agreement_target_region ON agreement_target (region_code);
CREATE INDEX agreement_target_pairing_id ON agreement_target (pairing_id);
CREATE UNIQUE INDEX agreement_target_unique_pairing_id_year ON agreement_target (pairing_id, year) WHERE deleted_at = 0;

CREATE TABLE plan (
  id INTEGER PRIMARY KEY,
  version INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  created_by TEXT NOT NULL DEFAULT '',
  updated_by TEXT NOT NULL DEFAULT '',
  deleted_at INTEGER NOT NULL DEFAULT 0,
  region_code TEXT,
  year INTEGER,
  title TEXT,
  summary TEXT
);
CREATE INDEX plan_region ON plan (region_code);
CREATE UNIQUE INDEX plan_unique_region_code_year ON plan (region_code, year) WHERE deleted_at = 0;

CREATE TABLE plan_task (
  id INTEGER PRIMARY KEY,
  version INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  created_by TEXT NOT NULL DEFAULT '',
  updated_by TEXT NOT NULL DEFAULT '',
  deleted_at INTEGER NOT NULL DEFAULT 0,
  plan_id INTEGER,
  region_code TEXT,
  title TEXT,
  owner TEXT,
  owner_institution_id INTEGER,
  target TEXT,
  deadline TEXT,
  status TEXT,
  completed_date TEXT,
  progress TEXT
);
CREATE INDEX plan_task_region ON plan_task (region_code);
CREATE INDEX plan_task_plan_id ON plan_task (plan_id);

CREATE TABLE meeting (
  id INTEGER PRIMARY KEY,
  version INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  created_by TEXT NOT NULL DEFAULT '',
  updated_by TEXT NOT NULL DEFAULT '',
  deleted_at INTEGER NOT NULL DEFAULT 0,
  region_code TEXT,
  pairing_id INTEGER,
  date TEXT,
  kind TEXT,
  title TEXT,
  from_region_code TEXT,
  to_region_code TEXT,
  leader_level TEXT,
  batches INTEGER,
  persons INTEGER,
  decisions TEXT
);
CREATE INDEX meeting_region ON meeting (region_code);
CREATE INDEX meeting_pairing ON meeting (pairing_id);

CREATE TABLE fund (
  id INTEGER PRIMARY KEY,
  version INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  created_by TEXT NOT NULL DEFAULT '',
  updated_by TEXT NOT NULL DEFAULT '',
  deleted_at INTEGER NOT NULL DEFAULT 0,
  year INTEGER,
  type TEXT,
  source_level TEXT,
  payer TEXT,
  region_code TEXT,
  pairing_id INTEGER,
  project_id INTEGER,
  amount_fen INTEGER,
  date TEXT,
  note TEXT
);
CREATE INDEX fund_region ON fund (region_code);
CREATE INDEX fund_pairing ON fund (pairing_id);

CREATE TABLE project (
  id INTEGER PRIMARY KEY,
  version INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  created_by TEXT NOT NULL DEFAULT '',
  updated_by TEXT NOT NULL DEFAULT '',
  deleted_at INTEGER NOT NULL DEFAULT 0,
  code TEXT,
  name TEXT,
  category TEXT,
  region_code TEXT,
  pairing_id INTEGER,
  status TEXT,
  planned_start TEXT,
  planned_end TEXT,
  actual_start TEXT,
  actual_end TEXT,
  total_investment_fen INTEGER,
  coop_funds_fen INTEGER,
  other_funds_fen INTEGER,
  households INTEGER,
  persons INTEGER,
  poverty_persons INTEGER,
  note TEXT
);
CREATE INDEX project_region ON project (region_code);
CREATE INDEX project_pairing ON project (pairing_id);
CREATE UNIQUE INDEX project_unique_code ON project (code) WHERE deleted_at = 0;

CREATE TABLE project_progress (
  id INTEGER PRIMARY KEY,
  version INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  created_by TEXT NOT NULL DEFAULT '',
  updated_by TEXT NOT NULL DEFAULT '',
  deleted_at INTEGER NOT NULL DEFAULT 0,
  project_id INTEGER,
  region_code TEXT,
  pairing_id INTEGER,
  date TEXT,
  completed_fen INTEGER,
  percent INTEGER,
  note TEXT
);
CREATE INDEX project_progress_region ON project_progress (region_code);
CREATE INDEX project_progress_pairing ON project_progress (pairing_id);
CREATE INDEX project_progress_project_id ON project_progress (project_id);
CREATE UNIQUE INDEX project_progress_unique_project_id_date ON project_progress (project_id, date) WHERE deleted_at = 0;

CREATE TABLE project_benefit (
  id INTEGER PRIMARY KEY,
  version INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  created_by TEXT NOT NULL DEFAULT '',
  updated_by TEXT NOT NULL DEFAULT '',
  deleted_at INTEGER NOT NULL DEFAULT 0,
  project_id INTEGER,
  region_code TEXT,
  pairing_id INTEGER,
  mechanism TEXT,
  year INTEGER,
  amount_fen INTEGER,
  beneficiaries INTEGER,
  note TEXT
);
CREATE INDEX project_benefit_region ON project_benefit (region_code);
CREATE INDEX project_benefit_pairing ON project_benefit (pairing_id);
CREATE INDEX project_benefit_project_id ON project_benefit (project_id);

CREATE TABLE investment (
  id INTEGER PRIMARY KEY,
  version INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  created_by TEXT NOT NULL DEFAULT '',
  updated_by TEXT NOT NULL DEFAULT '',
  deleted_at INTEGER NOT NULL DEFAULT 0,
  enterprise_name TEXT,
  credit_code TEXT,
  origin_region_code TEXT,
  region_code TEXT,
  pairing_id INTEGER,
  park_institution_id INTEGER,
  park TEXT,
  industry TEXT,
  firms INTEGER,
  committed_fen INTEGER,
  actual_fen INTEGER,
  landed_date TEXT,
  jobs INTEGER,
  note TEXT
);
CREATE INDEX investment_region ON investment (region_code);
CREATE INDEX investment_pairing ON investment (pairing_id);

CREATE TABLE placement (
  id INTEGER PRIMARY KEY,
  version INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  created_by TEXT NOT NULL DEFAULT '',
  updated_by TEXT NOT NULL DEFAULT '',
  deleted_at INTEGER NOT NULL DEFAULT 0,
  region_code TEXT,
  pairing_id INTEGER,
  worker_ref TEXT,
  destination_class TEXT,
  destination_region_code TEXT,
  employer TEXT,
  start_date TEXT,
  end_date TEXT,
  monthly_wage_fen INTEGER,
  poverty_alleviated INTEGER,
  persons INTEGER,
  poverty_persons INTEGER,
  note TEXT
);
CREATE INDEX placement_region ON placement (region_code);
CREATE INDEX placement_pairing ON placement (pairing_id);

CREATE TABLE labour_training (
  id INTEGER PRIMARY KEY,
  version INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  created_by TEXT NOT NULL DEFAULT '',
  updated_by TEXT NOT NULL DEFAULT '',
  deleted_at INTEGER NOT NULL DEFAULT 0,
  region_code TEXT,
  pairing_id INTEGER,
  title TEXT,
  start_date TEXT,
  end_date TEXT,
  sessions INTEGER,
  participants INTEGER,
  certified INTEGER,
  employed INTEGER,
  note TEXT
);
CREATE INDEX labour_training_region ON labour_training (region_code);
CREATE INDEX labour_training_pairing ON labour_training (pairing_id);

CREATE TABLE recruitment_fair (
  id INTEGER PRIMARY KEY,
  version INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  created_by TEXT NOT NULL DEFAULT '',
  updated_by TEXT NOT NULL DEFAULT '',
  deleted_at INTEGER NOT NULL DEFAULT 0,
  region_code TEXT,
  pairing_id INTEGER,
  date TEXT,
  title TEXT,
  fairs INTEGER,
  firms INTEGER,
  posts INTEGER,
  attendees INTEGER,
  intents INTEGER,
  hires INTEGER,
  stable_hires INTEGER,
  note TEXT
);
CREATE INDEX recruitment_fair_region ON recruitment_fair (region_code);
CREATE INDEX recruitment_fair_pairing ON recruitment_fair (pairing_id);

CREATE TABLE workshop (
  id INTEGER PRIMARY KEY,
  version INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  created_by TEXT NOT NULL DEFAULT '',
  updated_by TEXT NOT NULL DEFAULT '',
  deleted_at INTEGER NOT NULL DEFAULT 0,
  region_code TEXT,
  pairing_id INTEGER,
  name TEXT,
  kind TEXT,
  enterprise TEXT,
  count INTEGER,
  jobs INTEGER,
  poverty_workers INTEGER,
  established_date TEXT,
  note TEXT
);
CREATE INDEX workshop_region ON workshop (region_code);
CREATE INDEX workshop_pairing ON workshop (pairing_id);

CREATE TABLE certified_product (
  id INTEGER PRIMARY KEY,
  version INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  created_by TEXT NOT NULL DEFAULT '',
  updated_by TEXT NOT NULL DEFAULT '',
  deleted_at INTEGER NOT NULL DEFAULT 0,
  name TEXT,
  producer TEXT,
  region_code TEXT,
  certificate_no TEXT,
  category TEXT,
  valid_from TEXT,
  valid_to TEXT,
  note TEXT
);
CREATE INDEX certified_product_region ON certified_product (region_code);
CREATE UNIQUE INDEX certified_product_unique_certificate_no ON certified_product (certificate_no) WHERE deleted_at = 0;

CREATE TABLE consumption_sale (
  id INTEGER PRIMARY KEY,
  version INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  created_by TEXT NOT NULL DEFAULT '',
  updated_by TEXT NOT NULL DEFAULT '',
  deleted_at INTEGER NOT NULL DEFAULT 0,
  region_code TEXT,
  buyer_region_code TEXT,
  pairing_id INTEGER,
  channel TEXT,
  amount_fen INTEGER,
  certified_fen INTEGER,
  period_start TEXT,
  period_end TEXT,
  note TEXT
);
CREATE INDEX consumption_sale_region ON consumption_sale (region_code);
CREATE INDEX consumption_sale_pairing ON consumption_sale (pairing_id);

CREATE TABLE cadre_secondment (
  id INTEGER PRIMARY KEY,
  version INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  created_by TEXT NOT NULL DEFAULT '',
  updated_by TEXT NOT NULL DEFAULT '',
  deleted_at INTEGER NOT NULL DEFAULT 0,
  region_code TEXT,
  pairing_id INTEGER,
  direction TEXT,
  person_name TEXT,
  persons INTEGER,
  from_region_code TEXT,
  to_region_code TEXT,
  post TEXT,
  start_date TEXT,
  end_date TEXT,
  note TEXT
);
CREATE INDEX cadre_secondment_region ON cadre_secondment (region_code);
CREATE INDEX cadre_secondment_pairing ON cadre_secondment (pairing_id);

CREATE TABLE professional (
  id INTEGER PRIMARY KEY,
  version INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  created_by TEXT NOT NULL DEFAULT '',
  updated_by TEXT NOT NULL DEFAULT '',
  deleted_at INTEGER NOT NULL DEFAULT 0,
  region_code TEXT,
  pairing_id INTEGER,
  kind TEXT,
  direction TEXT,
  person_name TEXT,
  persons INTEGER,
  institution TEXT,
  institution_id INTEGER,
  start_date TEXT,
  end_date TEXT,
  note TEXT
);
CREATE INDEX professional_region ON professional (region_code);
CREATE INDEX professional_pairing ON professional (pairing_id);

CREATE TABLE talent_training (
  id INTEGER PRIMARY KEY,
  version INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  created_by TEXT NOT NULL DEFAULT '',
  updated_by TEXT NOT NULL DEFAULT '',
  deleted_at INTEGER NOT NULL DEFAULT 0,
  region_code TEXT,
  pairing_id INTEGER,
  kind TEXT,
  direction TEXT,
  year INTEGER,
  title TEXT,
  sessions INTEGER,
  person_times INTEGER,
  note TEXT
);
CREATE INDEX talent_training_region ON talent_training (region_code);
CREATE INDEX talent_training_pairing ON talent_training (pairing_id);

CREATE TABLE donation (
  id INTEGER PRIMARY KEY,
  version INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  created_by TEXT NOT NULL DEFAULT '',
  updated_by TEXT NOT NULL DEFAULT '',
  deleted_at INTEGER NOT NULL DEFAULT 0,
  donor TEXT,
  region_code TEXT,
  pairing_id INTEGER,
  money_fen INTEGER,
  goods_fen INTEGER,
  beneficiaries INTEGER,
  date TEXT,
  note TEXT
);
CREATE INDEX donation_region ON donation (region_code);
CREATE INDEX donation_pairing ON donation (pairing_id);
