// /api/v1/kinds and /api/v1/records/{kind}/…: every kind of cooperation record through one set
// of routes — list, create, read, update, delete, history, Excel template, export and import —
// plus the fund summary and a pairing's attached file.
#include <algorithm>
#include <ctime>

#include "api/app.h"
#include "api/record_excel.h"
#include "api/record_json.h"
#include "api/record_labels.h"
#include "api/submission_workflow.h"
#include "core/text.h"

namespace xiezuo::api {
namespace {

using model::FieldDef;
using model::FieldIssue;
using model::FieldType;
using model::FieldValue;
using model::Record;
using model::RecordKind;

constexpr size_t kMaxJsonBody = size_t{1} << 20;
constexpr int64_t kMaxExportRows = 200'000;

const RecordKind& KindOf(RequestContext& ctx) {
  // The router has already answered 404 for an unknown kind.
  return *model::FindKind(ctx.Param("kind"));
}

std::string Today(const Clock& clock) {
  auto t = static_cast<std::time_t>(clock.NowSeconds());
  std::tm tm{};
  localtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

// A 400 whose details name each bad field in the request's language.
Status IssuesError(const RecordKind& kind, const std::vector<FieldIssue>& issues,
                   const RecordLabels& labels) {
  std::vector<FieldError> details;
  for (const FieldIssue& i : issues) {
    std::string reason = i.rule == "unknown_field"   ? "is not a field of " + kind.key
                         : i.rule == "not_an_object" ? "the body must be a JSON object"
                                                     : labels.Issue(kind, i);
    details.push_back({i.field, reason});
  }
  return InvalidArgument("the record has invalid fields", details);
}

Status RowIssuesError(const RecordKind& kind, const std::vector<store::RowIssue>& issues,
                      const RecordLabels& labels) {
  std::vector<FieldIssue> plain;
  plain.reserve(issues.size());
  for (const auto& i : issues) plain.push_back(i.issue);
  return IssuesError(kind, plain, labels);
}

Result<nlohmann::json> JsonBody(const HttpRequest& req) {
  if (req.body.size() > kMaxJsonBody) {
    return InvalidArgument("the request body is too large", {{"", "at most 1 MB of JSON"}});
  }
  auto body = nlohmann::json::parse(req.body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) {
    return InvalidArgument("the body is not a JSON object", {{"", "malformed JSON"}});
  }
  return body;
}

// Reads the list filters of a kind from the query string.
Result<store::RecordFilter> FilterFromQuery(const RecordKind& kind, RequestContext& ctx) {
  const HttpRequest& req = ctx.request();
  store::RecordFilter filter;
  filter.scope = ctx.principal().user.scope_region_code;
  filter.within_region = req.Query("region_code");
  filter.q = req.Query("q");
  if (kind.key == "pairing") {
    filter.party_region = req.Query("party_region");
    if (!filter.party_region.empty() && !model::LevelOfCode(filter.party_region)) {
      return InvalidArgument("bad filter", {{"party_region", "is not a region code"}});
    }
  }
  if (!filter.within_region.empty() && !model::LevelOfCode(filter.within_region)) {
    return InvalidArgument("bad filter", {{"region_code", "is not a region code"}});
  }
  auto enum_labels = [](const FieldDef& f, std::string_view text) {
    return RecordLabels::OptionByLabel(f.options, text);
  };
  std::vector<FieldError> errors;
  auto parse = [&](const FieldDef& f, const std::string& param, FieldValue& out) {
    std::string text = req.Query(param);
    if (text.empty()) return false;
    // Money in the API is integer fen, in filters as in bodies (a spreadsheet cell is in 元).
    model::FieldDef as_typed = f;
    if (f.type == FieldType::kMoney) as_typed.type = FieldType::kInt;
    auto v = model::ParseFieldText(as_typed, text, enum_labels);
    if (std::holds_alternative<FieldIssue>(v)) {
      errors.push_back({param, model::IssueText(std::get<FieldIssue>(v))});
      return false;
    }
    out = std::get<FieldValue>(v);
    return true;
  };
  for (const FieldDef& f : kind.fields) {
    if (f.filter == model::FilterMode::kExact || f.key == kind.parent_field) {
      FieldValue v;
      if (parse(f, f.key, v)) filter.equals.emplace_back(f.key, v);
    } else if (f.filter == model::FilterMode::kRange) {
      store::RecordFilter::Range range{f.key, {}, {}};
      bool from = parse(f, f.key + "_from", range.from);
      bool to = parse(f, f.key + "_to", range.to);
      if (from || to) filter.ranges.push_back(range);
    }
  }
  filter.sort = req.Query("sort");
  if (!filter.sort.empty()) {
    const FieldDef* f = kind.Field(filter.sort);
    if (f == nullptr || !f->sort) errors.push_back({"sort", "cannot sort by " + filter.sort});
  }
  std::string order = req.Query("order");
  if (order == "desc" || order == "descending") {
    filter.descending = true;
  } else if (!order.empty() && order != "asc" && order != "ascending") {
    errors.push_back({"order", "must be asc or desc"});
  }
  if (!errors.empty()) return InvalidArgument("bad list parameters", errors);
  return filter;
}

bool CanEdit(RequestContext& ctx, const RecordKind& kind, const Record& r) {
  return ctx.principal().Can(kind.group + ":edit") &&
         ctx.principal().InScope(r.Text(kind, "region_code"));
}

Result<nlohmann::json> RecordsJson(RequestContext& ctx, const RecordKind& kind,
                                   const std::vector<Record>& records, const std::string& today,
                                   bool reveal = false) {
  const RecordLabels& labels = RecordLabels::For(RequestLang(ctx.request()));
  ASSIGN_OR_RETURN(RecordNames names, LookupNames(ctx.store(), kind, records));
  nlohmann::json items = nlohmann::json::array();
  for (const Record& r : records) {
    items.push_back(
        RecordToJson(kind, r, labels, names,
                     {.reveal = reveal, .can_edit = CanEdit(ctx, kind, r), .today = today}));
  }
  return items;
}

// Checks a new or changed record against the model, then the database (which also derives a
// child's region from its parent), then the caller's scope for its region.
Status PrepareWrite(RequestContext& ctx, const RecordKind& kind, Record& record,
                    const Record* before) {
  const RecordLabels& labels = RecordLabels::For(RequestLang(ctx.request()));
  std::vector<FieldIssue> issues = before != nullptr ? model::ValidateUpdate(kind, *before, record)
                                                     : model::ValidateRecord(kind, record);
  if (!issues.empty()) return IssuesError(kind, issues, labels);
  std::vector<Record> batch = {record};
  ASSIGN_OR_RETURN(auto db_issues, ctx.store().CheckRecords(kind, batch, nullptr));
  if (!db_issues.empty()) return RowIssuesError(kind, db_issues, labels);
  record = std::move(batch[0]);
  return ctx.RequireInScope(record.Text(kind, "region_code"),
                            kind.parent.empty() ? "region_code" : kind.parent_field);
}

// Every record of the filtered list, page by page, up to kMaxExportRows.
Result<std::vector<Record>> AllRecords(RequestContext& ctx, const RecordKind& kind,
                                       const store::RecordFilter& filter) {
  std::vector<Record> out;
  for (int page = 1;; ++page) {
    ASSIGN_OR_RETURN(store::RecordPage p, ctx.store().ListRecords(kind, filter, {page, 500}));
    for (Record& r : p.items) out.push_back(std::move(r));
    if (p.items.size() < 500 || static_cast<int64_t>(out.size()) >= p.total) break;
    if (static_cast<int64_t>(out.size()) >= kMaxExportRows) {
      return ResourceExhausted("the list has more than " + std::to_string(kMaxExportRows) +
                               " records; narrow it with filters before exporting");
    }
  }
  return out;
}

Result<HttpResponse> Import(RequestContext& ctx, const RecordKind& kind) {
  const HttpRequest& req = ctx.request();
  const RecordLabels& labels = RecordLabels::For(RequestLang(req));
  std::string filename = req.Query("filename");
  if (filename.empty()) filename = req.Header("x-filename");
  if (filename.empty()) {
    return InvalidArgument("name the uploaded file", {{"filename", "is required (.xlsx or .csv)"}});
  }
  std::string mode = req.Query("mode");
  if (mode.empty()) mode = "all";
  if (mode != "all" && mode != "valid") {
    return InvalidArgument("bad import mode", {{"mode", "must be all or valid"}});
  }
  bool dry_run = req.Query("dry_run") == "1" || req.Query("dry_run") == "true";
  const Principal& who = ctx.principal();
  std::string scoped_field = kind.parent.empty() ? "region_code" : kind.parent_field;
  auto in_scope = [&](const Record& r) -> std::optional<FieldIssue> {
    if (who.InScope(r.Text(kind, "region_code"))) return std::nullopt;
    return FieldIssue{scoped_field, "outside_scope", ""};
  };
  ASSIGN_OR_RETURN(ImportOutcome outcome, ImportUpload(ctx.store(), kind,
                                                       {.filename = filename,
                                                        .bytes = req.body,
                                                        .valid_only = mode == "valid",
                                                        .dry_run = dry_run},
                                                       labels, ctx.actor(), in_scope));
  const ParsedUpload& upload = outcome.upload;
  size_t valid = outcome.valid;

  nlohmann::json errors = nlohmann::json::array();
  for (const CellIssue& i : upload.issues) {
    errors.push_back({{"row", i.row},
                      {"column", i.column},
                      {"field", i.field},
                      {"header", i.header},
                      {"reason", i.reason}});
  }
  if (outcome.rejected) {
    return JsonResponse(
        {{"error",
          {{"code", "invalid_rows"},
           {"message", std::to_string(upload.rows - static_cast<int>(valid)) + " of " +
                           std::to_string(upload.rows) + " rows have errors; nothing was imported"},
           {"details", errors}}}},
        422);
  }
  return JsonResponse({{"file", filename},
                       {"format", upload.format},
                       {"encoding", upload.encoding},
                       {"rows", upload.rows},
                       {"valid", valid},
                       {"imported", outcome.imported},
                       {"mode", mode},
                       {"dry_run", dry_run},
                       {"errors", errors}});
}

}  // namespace

void RegisterRecordRoutes(Router& router, const Clock& clock) {
  router.Add({.method = "GET",
              .pattern = "/api/v1/kinds",
              .handler = [](RequestContext& ctx) -> Result<HttpResponse> {
                return JsonResponse(KindsJson(RecordLabels::For(RequestLang(ctx.request()))));
              }});
  router.Add({.method = "GET",
              .pattern = "/api/v1/records/{kind}/template",
              .permission = "{group}:read",
              .handler = [](RequestContext& ctx) -> Result<HttpResponse> {
                const RecordKind& kind = KindOf(ctx);
                const RecordLabels& labels = RecordLabels::For(RequestLang(ctx.request()));
                ASSIGN_OR_RETURN(std::string bytes, TemplateWorkbook(kind, labels));
                return FileResponse(std::move(bytes), kXlsxType,
                                    labels.Kind(kind.key) + "-template.xlsx");
              }});
  router.Add({.method = "GET",
              .pattern = "/api/v1/records/{kind}/export",
              .permission = "{group}:read",
              .scope = ScopeRule::kQueryRegion,
              .handler = [](RequestContext& ctx) -> Result<HttpResponse> {
                const RecordKind& kind = KindOf(ctx);
                const RecordLabels& labels = RecordLabels::For(RequestLang(ctx.request()));
                bool reveal = ctx.request().Query("reveal") == "1";
                if (reveal && !ctx.principal().Can(model::perm::kPersonalRead)) {
                  return PermissionDenied("your role may not see personal data");
                }
                ASSIGN_OR_RETURN(auto filter, FilterFromQuery(kind, ctx));
                ASSIGN_OR_RETURN(auto records, AllRecords(ctx, kind, filter));
                if (reveal) {
                  RETURN_IF_ERROR(ctx.store().AppendAudit(
                      {.user_id = ctx.actor().user_id,
                       .username = ctx.actor().username,
                       .action = "reveal",
                       .entity = kind.key,
                       .entity_id = "export",
                       .after_json = nlohmann::json{{"records", records.size()},
                                                    {"target", ctx.request().target}}
                                         .dump(),
                       .remote_addr = ctx.actor().remote_addr}));
                }
                ASSIGN_OR_RETURN(std::string bytes, ExportWorkbook(kind, labels, records, reveal));
                return FileResponse(std::move(bytes), kXlsxType, labels.Kind(kind.key) + ".xlsx");
              }});
  router.Add({.method = "POST",
              .pattern = "/api/v1/records/{kind}/import",
              .permission = "{group}:edit",
              .handler = [](RequestContext& ctx) -> Result<HttpResponse> {
                return Import(ctx, KindOf(ctx));
              }});
  router.Add(
      {.method = "GET",
       .pattern = "/api/v1/records/{kind}",
       .permission = "{group}:read",
       .scope = ScopeRule::kQueryRegion,
       .handler = [&clock](RequestContext& ctx) -> Result<HttpResponse> {
         const RecordKind& kind = KindOf(ctx);
         ASSIGN_OR_RETURN(auto paging, ctx.Paging());
         ASSIGN_OR_RETURN(auto filter, FilterFromQuery(kind, ctx));
         ASSIGN_OR_RETURN(store::RecordPage page, ctx.store().ListRecords(kind, filter, paging));
         ASSIGN_OR_RETURN(nlohmann::json items, RecordsJson(ctx, kind, page.items, Today(clock)));
         nlohmann::json totals = nlohmann::json::object();
         for (const auto& [k, v] : page.totals) totals[k] = v;
         return JsonResponse({{"items", items},
                              {"total", page.total},
                              {"page", page.page},
                              {"page_size", page.page_size},
                              {"totals", totals}});
       }});
  router.Add({.method = "POST",
              .pattern = "/api/v1/records/{kind}",
              .permission = "{group}:edit",
              .handler = [&clock](RequestContext& ctx) -> Result<HttpResponse> {
                const RecordKind& kind = KindOf(ctx);
                const RecordLabels& labels = RecordLabels::For(RequestLang(ctx.request()));
                ASSIGN_OR_RETURN(nlohmann::json body, JsonBody(ctx.request()));
                std::vector<FieldIssue> issues;
                Record record = RecordFromJson(kind, body, issues);
                if (!issues.empty()) return IssuesError(kind, issues, labels);
                model::ApplyDefaults(kind, record);
                RETURN_IF_ERROR(PrepareWrite(ctx, kind, record, nullptr));
                std::vector<Record> batch = {record};
                std::vector<store::RowIssue> late;
                auto ids = ctx.store().InsertRecords(kind, batch, ctx.actor(), {}, &late);
                if (!ids.ok()) {
                  if (!late.empty()) return RowIssuesError(kind, late, labels);
                  return ids.status();
                }
                ASSIGN_OR_RETURN(nlohmann::json items, RecordsJson(ctx, kind, batch, Today(clock)));
                return JsonResponse(items[0], 201);
              }});
  router.Add({.method = "GET",
              .pattern = "/api/v1/records/{kind}/{id}",
              .permission = "{group}:read",
              .scope = ScopeRule::kPathRecord,
              .handler = [&clock](RequestContext& ctx) -> Result<HttpResponse> {
                const RecordKind& kind = KindOf(ctx);
                ASSIGN_OR_RETURN(int64_t id, ParsePathId(ctx.Param("id")));
                ASSIGN_OR_RETURN(Record record, ctx.store().GetRecord(kind, id));
                bool reveal = ctx.request().Query("reveal") == "1";
                if (reveal) {
                  if (!ctx.principal().Can(model::perm::kPersonalRead)) {
                    return PermissionDenied("your role may not see personal data");
                  }
                  RETURN_IF_ERROR(
                      ctx.store().AppendAudit({.user_id = ctx.actor().user_id,
                                               .username = ctx.actor().username,
                                               .action = "reveal",
                                               .entity = kind.key,
                                               .entity_id = std::to_string(id),
                                               .remote_addr = ctx.actor().remote_addr}));
                }
                ASSIGN_OR_RETURN(nlohmann::json items,
                                 RecordsJson(ctx, kind, {record}, Today(clock), reveal));
                return JsonResponse(items[0]);
              }});
  router.Add(
      {.method = "PUT",
       .pattern = "/api/v1/records/{kind}/{id}",
       .permission = "{group}:edit",
       .scope = ScopeRule::kPathRecord,
       .handler = [&clock](RequestContext& ctx) -> Result<HttpResponse> {
         const RecordKind& kind = KindOf(ctx);
         const RecordLabels& labels = RecordLabels::For(RequestLang(ctx.request()));
         ASSIGN_OR_RETURN(int64_t id, ParsePathId(ctx.Param("id")));
         ASSIGN_OR_RETURN(nlohmann::json body, JsonBody(ctx.request()));
         if (!body.contains("version") || !body["version"].is_number_integer()) {
           return InvalidArgument("send the version you edited", {{"version", "is required"}});
         }
         ASSIGN_OR_RETURN(Record before, ctx.store().GetRecord(kind, id));
         std::vector<FieldIssue> issues;
         Record record = RecordFromJson(kind, body, issues);
         if (!issues.empty()) return IssuesError(kind, issues, labels);
         record.id = id;
         // Personal fields come back masked; a masked value keeps what was stored.
         for (size_t i = 0; i < kind.fields.size(); ++i) {
           const auto* s = std::get_if<std::string>(&record.values()[i]);
           const auto* old = std::get_if<std::string>(&before.values()[i]);
           if (kind.fields[i].personal && s != nullptr && old != nullptr &&
               *s == MaskPersonal(*old)) {
             record.values()[i] = *old;
           }
         }
         if (!kind.parent_field.empty()) {
           record.Set(kind, kind.parent_field, before.Get(kind, kind.parent_field));
         }
         RETURN_IF_ERROR(PrepareWrite(ctx, kind, record, &before));
         std::vector<store::RowIssue> late;
         auto updated = ctx.store().UpdateRecord(kind, record, ctx.actor(), &late);
         if (!updated.ok()) {
           if (!late.empty()) return RowIssuesError(kind, late, labels);
           return updated.status();
         }
         ASSIGN_OR_RETURN(nlohmann::json items, RecordsJson(ctx, kind, {*updated}, Today(clock)));
         return JsonResponse(items[0]);
       }});
  router.Add({.method = "DELETE",
              .pattern = "/api/v1/records/{kind}/{id}",
              .permission = "{group}:edit",
              .scope = ScopeRule::kPathRecord,
              .handler = [](RequestContext& ctx) -> Result<HttpResponse> {
                ASSIGN_OR_RETURN(int64_t id, ParsePathId(ctx.Param("id")));
                RETURN_IF_ERROR(ctx.store().DeleteRecord(KindOf(ctx), id, ctx.actor()));
                return JsonResponse({{"ok", true}});
              }});
  router.Add(
      {.method = "GET",
       .pattern = "/api/v1/records/{kind}/{id}/history",
       .permission = "{group}:read",
       .scope = ScopeRule::kPathRecord,
       .handler = [](RequestContext& ctx) -> Result<HttpResponse> {
         const RecordKind& kind = KindOf(ctx);
         ASSIGN_OR_RETURN(int64_t id, ParsePathId(ctx.Param("id")));
         ASSIGN_OR_RETURN(
             auto page, ctx.store().ListAudit({.entity = kind.key, .entity_id = std::to_string(id)},
                                              {1, 500}));
         nlohmann::json items = nlohmann::json::array();
         auto parse = [](const std::string& s) {
           return s.empty() ? nlohmann::json(nullptr) : nlohmann::json::parse(s, nullptr, false);
         };
         // Oldest first: the store lists newest first.
         std::reverse(page.items.begin(), page.items.end());
         if (page.items.empty() || page.items.front().action != "create") {
           // Created by an import (audited once for the file): its creation is the record's
           // own created_at / created_by.
           auto record = ctx.store().GetRecord(kind, id);
           if (record.ok()) {
             items.push_back({{"id", nullptr},
                              {"at", IsoTime(record->created_at)},
                              {"username", record->created_by},
                              {"action", "import"},
                              {"before", nullptr},
                              {"after", nullptr}});
           }
         }
         for (const store::AuditEntry& e : page.items) {
           items.push_back({{"id", e.id},
                            {"at", IsoTime(e.at)},
                            {"username", e.username},
                            {"action", e.action},
                            {"before", parse(e.before_json)},
                            {"after", parse(e.after_json)}});
         }
         return JsonResponse({{"items", items}});
       }});
  router.Add({.method = "PUT",
              .pattern = "/api/v1/records/{kind}/{id}/attachment",
              .permission = "{group}:edit",
              .scope = ScopeRule::kPathRecord,
              .handler = [](RequestContext& ctx) -> Result<HttpResponse> {
                const RecordKind& kind = KindOf(ctx);
                if (kind.key != "pairing") return NotFound("only pairings carry a file");
                ASSIGN_OR_RETURN(int64_t id, ParsePathId(ctx.Param("id")));
                const HttpRequest& req = ctx.request();
                std::string filename = req.Query("filename");
                if (filename.empty()) {
                  return InvalidArgument("name the file", {{"filename", "is required"}});
                }
                if (req.body.size() > kMaxAttachmentBytes) {
                  return InvalidArgument("the file is larger than 20 MB", {{"file", "too large"}});
                }
                std::string type = AttachmentType(req.body, filename);
                if (type.empty()) {
                  return InvalidArgument(
                      "attach a PDF, a Word document (.docx, .doc) or an image (.png, .jpg) "
                      "whose contents match its name",
                      {{"file", "not a PDF, Word document or image, or not what its name says"}});
                }
                RETURN_IF_ERROR(ctx.store().SetAttachment(kind, id, {filename, type, req.body, 0},
                                                          ctx.actor()));
                return JsonResponse(
                    {{"filename", filename}, {"content_type", type}, {"size", req.body.size()}});
              }});
  router.Add({.method = "GET",
              .pattern = "/api/v1/records/{kind}/{id}/attachment",
              .permission = "{group}:read",
              .scope = ScopeRule::kPathRecord,
              .handler = [](RequestContext& ctx) -> Result<HttpResponse> {
                ASSIGN_OR_RETURN(int64_t id, ParsePathId(ctx.Param("id")));
                ASSIGN_OR_RETURN(store::Attachment file,
                                 ctx.store().GetAttachment(KindOf(ctx), id));
                return FileResponse(std::move(file.bytes), file.content_type, file.filename);
              }});
  router.Add({.method = "GET",
              .pattern = "/api/v1/funds/summary",
              .permission = "fund:read",
              .scope = ScopeRule::kQueryRegion,
              .handler = [](RequestContext& ctx) -> Result<HttpResponse> {
                const RecordKind& kind = *model::FindKind("fund");
                std::string region = ctx.request().Query("region_code");
                if (region.empty()) region = ctx.principal().user.scope_region_code;
                if (!region.empty() && !model::LevelOfCode(region)) {
                  return InvalidArgument("bad region", {{"region_code", "is not a region code"}});
                }
                store::RecordFilter filter;
                filter.scope = ctx.principal().user.scope_region_code;
                filter.within_region = region;
                std::string year = ctx.request().Query("year");
                if (!year.empty()) {
                  auto v = model::ParseFieldText(*kind.Field("year"), year);
                  if (std::holds_alternative<FieldIssue>(v)) {
                    return InvalidArgument("bad year", {{"year", "must be a year such as 2021"}});
                  }
                  filter.equals.emplace_back("year", std::get<FieldValue>(v));
                }
                // One level below the region (its direct children), or provinces.
                static constexpr int kChildLength[] = {2, 4, 6, 9, 12, 12};
                auto level = model::LevelOfCode(region);
                int prefix = region.empty() ? 2 : kChildLength[static_cast<int>(*level)];
                ASSIGN_OR_RETURN(auto groups,
                                 ctx.store().GroupRecords(kind, filter,
                                                          {.region_prefix = prefix,
                                                           .group_by = {"year", "type"},
                                                           .sums = {"amount_fen"}}));
                std::map<std::pair<std::string, int64_t>, nlohmann::json> rows;
                std::vector<std::string> codes;
                for (const store::GroupRow& g : groups) {
                  int64_t y = std::get<int64_t>(g.keys[0]);
                  auto& row = rows[{g.region_code, y}];
                  if (row.is_null()) {
                    row = {{"region_code", g.region_code}, {"year", y},
                           {"commitment_fen", 0},          {"allocation_fen", 0},
                           {"disbursement_fen", 0},        {"expenditure_fen", 0}};
                    codes.push_back(g.region_code);
                  }
                  row[std::get<std::string>(g.keys[1]) + "_fen"] = g.sums[0];
                }
                ASSIGN_OR_RETURN(auto regions, ctx.store().GetRegions(codes));
                std::map<std::string, std::string> names;
                for (const auto& r : regions) names[r.code] = r.name;
                nlohmann::json out = nlohmann::json::array();
                for (auto& [key, row] : rows) {
                  row["region_name"] = names.count(key.first) ? names[key.first] : key.first;
                  out.push_back(row);
                }
                return JsonResponse({{"region_code", region}, {"rows", out}});
              }});
}

}  // namespace xiezuo::api
