// /api/v1/assessment/self: a region's self-evaluation (考核自评) for a year — for each item of
// the year's assessment template, the office's explanation, the partner side's opinion, its own
// points for manual (qualitative) items and evidence files — with the computed score beside it,
// submitted and approved up the chain as data-set forms are, and exported to .xlsx. Once
// approved, its manual points count in the scores.
#include <algorithm>
#include <map>

#include <nlohmann/json.hpp>

#include "api/analytics_service.h"
#include "api/app.h"
#include "api/assessment_scores.h"
#include "api/record_labels.h"
#include "api/submission_workflow.h"
#include "io/xlsx_writer.h"
#include "report/assessment.h"

namespace xiezuo::api {
namespace {

using model::SubmissionAction;
using model::SubmissionStatus;
using nlohmann::json;

constexpr size_t kMaxText = 4000;  // bytes of one explanation or opinion
constexpr const char* kPartnerSuffix = ".partner";
constexpr size_t kMaxPeers = 400;

// The self-evaluation a path names: {code} and {year}, the template that applies, and the
// stored submission (or a new one).
struct SelfKey {
  std::string region;
  int year = 0;
  std::string side;
  FoundTemplate found;
  store::Submission s;
};

Result<SelfKey> SelfKeyOf(RequestContext& ctx, const AnalyticsService& service) {
  SelfKey key;
  key.region = ctx.Param("code");
  if (service.analytics().regions().Find(key.region) < 0) {
    return NotFound("no region has code " + key.region);
  }
  ASSIGN_OR_RETURN(key.year, YearOf(ctx.Param("year")));
  key.side = model::RegionSide(key.region) == model::CooperationSide::kEast ? "east" : "west";
  ASSIGN_OR_RETURN(key.found, TemplateOf(ctx.store(), key.year, key.side, 0));
  const std::string dataset(report::kSelfEvaluationDataset);
  ASSIGN_OR_RETURN(std::optional<store::Submission> found,
                   ctx.store().FindSubmission(dataset, key.region, std::to_string(key.year)));
  if (found) {
    key.s = std::move(*found);
  } else {
    key.s.dataset = dataset;
    key.s.region_code = key.region;
    key.s.period = std::to_string(key.year);
  }
  return key;
}

// The body of a save or a step: {"version": n, "comment": "…", "items": {code: {"text": "…",
// "partner_opinion": "…", "points": hundredths | null}}}.
struct SelfBody {
  int64_t version = 0;
  std::string comment;
  std::optional<store::Submission> items;  // the values and texts sent; absent: keep
};

Result<SelfBody> ParseSelfBody(const std::string& text, const report::AssessmentTemplate& t) {
  json body = json::parse(text.empty() ? "{}" : text, nullptr, false);
  if (body.is_discarded() || !body.is_object()) {
    return InvalidArgument("the body is not a JSON object", {{"", "send a JSON object"}});
  }
  SelfBody out;
  std::vector<FieldError> errors;
  auto text_of = [&](const json& v, const std::string& field, std::string& into) {
    if (v.is_null()) return;
    if (!v.is_string()) {
      errors.push_back({field, "must be text"});
    } else if (v.get<std::string>().size() > kMaxText) {
      errors.push_back({field, "at most " + std::to_string(kMaxText) + " bytes"});
    } else {
      into = v.get<std::string>();
    }
  };
  for (const auto& [name, value] : body.items()) {
    if (ReadStepField(name, value, out.version, out.comment, errors)) {
      continue;
    } else if (name == "items") {
      if (!value.is_object()) {
        errors.push_back({"items", "an object of item codes"});
        continue;
      }
      out.items.emplace();
      for (const auto& [code, item] : value.items()) {
        const report::AssessmentItem* def = nullptr;
        for (const report::AssessmentItem* i : t.Items()) {
          if (i->code == code) def = i;
        }
        const std::string at = "items." + code;
        if (def == nullptr) {
          errors.push_back({at, "not an item of the " + std::to_string(t.year) + " template"});
          continue;
        }
        if (!item.is_object()) {
          errors.push_back({at, "an object with text, partner_opinion and points"});
          continue;
        }
        for (const auto& [field, v] : item.items()) {
          if (field == "text") {
            text_of(v, at + ".text", out.items->texts[code]);
          } else if (field == "partner_opinion") {
            text_of(v, at + ".partner_opinion", out.items->texts[code + kPartnerSuffix]);
          } else if (field == "points") {
            if (v.is_null()) continue;
            if (def->rule != report::ScoringRule::kManual) {
              errors.push_back({at + ".points",
                                "only manual items take points; this one is "
                                "scored from the figures"});
            } else if (!v.is_number_integer() || v.get<int64_t>() < 0 ||
                       v.get<int64_t>() > def->points) {
              errors.push_back({at + ".points",
                                "hundredths of a point from 0 to " + std::to_string(def->points)});
            } else {
              out.items->values[code] = v.get<int64_t>();
            }
          } else {
            errors.push_back({at + "." + field, "unknown field"});
          }
        }
      }
    } else {
      errors.push_back({name, "unknown field"});
    }
  }
  if (!errors.empty()) return InvalidArgument("the self-evaluation has errors", errors);
  return out;
}

// The region's score among its siblings (the counties of its city), or alone at the top.
Result<json> ScoreOf(RequestContext& ctx, const AnalyticsService& service, const SelfKey& key) {
  const analytics::RegionIndex& index = service.analytics().regions();
  const int32_t node = index.Find(key.region);
  const int32_t parent = index.Parent(node);
  std::vector<std::string> peers;
  std::string parent_code;
  if (parent >= 0 && index.Children(parent).size() <= kMaxPeers) {
    parent_code = index.node(parent).code;
    for (int32_t child : index.Children(parent)) peers.push_back(index.node(child).code);
  } else {
    peers.push_back(key.region);
  }
  ASSIGN_OR_RETURN(ScoreRun run,
                   ScorePeers(ctx, service, key.year, key.side, 0, std::move(peers), parent_code));
  for (const report::RegionScore& s : run.scores) {
    if (s.region_code == key.region) {
      json out = RegionScoreJson(run, s, RequestLang(ctx.request()) == "en");
      out["peers"] = run.scores.size();
      return out;
    }
  }
  return Internal("region " + key.region + " was not scored");
}

Result<json> SelfJson(RequestContext& ctx, const AnalyticsService& service, const SelfKey& key) {
  const store::Submission& s = key.s;
  json items = json::object();
  for (const report::AssessmentItem* i : key.found.t.Items()) {
    auto text = s.texts.find(i->code);
    auto partner = s.texts.find(i->code + kPartnerSuffix);
    auto points = s.values.find(i->code);
    items[i->code] = {{"text", text == s.texts.end() ? "" : text->second},
                      {"partner_opinion", partner == s.texts.end() ? "" : partner->second},
                      {"points", points == s.values.end() ? json(nullptr) : json(points->second)}};
  }
  json files = json::array();
  if (s.id != 0) {
    ASSIGN_OR_RETURN(auto stored, ctx.store().ListSubmissionFiles(s.id));
    for (const store::SubmissionFile& f : stored) {
      files.push_back({{"id", f.id},
                       {"item", f.field},
                       {"filename", f.filename},
                       {"content_type", f.content_type},
                       {"size", f.size},
                       {"uploaded_at", f.uploaded_at},
                       {"uploaded_by", f.uploaded_by}});
    }
  }
  ASSIGN_OR_RETURN(json score, ScoreOf(ctx, service, key));
  ASSIGN_OR_RETURN(json workflow, WorkflowJson(ctx, service, s, false));
  return json{{"region", {{"code", key.region}, {"name", RegionName(service, key.region)}}},
              {"year", key.year},
              {"side", key.side},
              {"template", report::TemplateJson(key.found.t)},
              {"shipped", key.found.shipped},
              {"submission",
               {{"id", s.id},
                {"status", model::SubmissionStatusName(s.status)},
                {"approvals", s.approvals},
                {"version", s.version},
                {"comment", s.comment},
                {"updated_at", s.updated_at},
                {"updated_by", s.updated_by}}},
              {"items", items},
              {"files", files},
              {"score", score},
              {"chain", workflow["chain"]},
              {"actions", workflow["actions"]},
              {"events", workflow["events"]}};
}

// The self-evaluation as a sheet an office files or sends on: a row per item with its section,
// rule, weight, the computed points (or why there are none), the own points, the explanation,
// the partner's opinion and the evidence files' names.
Result<io::XlsxSheet> SelfSheet(RequestContext& ctx, const AnalyticsService& service,
                                const SelfKey& key) {
  const bool en = RequestLang(ctx.request()) == "en";
  ASSIGN_OR_RETURN(json score, ScoreOf(ctx, service, key));
  std::map<std::string, json> computed;
  for (const json& i : score["items"]) computed[i["code"].get<std::string>()] = i;
  std::map<std::string, std::string> files;
  if (key.s.id != 0) {
    ASSIGN_OR_RETURN(auto stored, ctx.store().ListSubmissionFiles(key.s.id));
    for (const store::SubmissionFile& f : stored) {
      std::string& names = files[f.field];
      if (!names.empty()) names += "、";
      names += f.filename;
    }
  }
  auto text = [&](const std::string& field) {
    auto it = key.s.texts.find(field);
    return it == key.s.texts.end() ? std::string() : it->second;
  };
  const std::map<std::string, std::string> missing =
      en ? std::map<std::string, std::string>{{"no_value", "no figure"},
                                              {"no_target", "no target"},
                                              {"not_scored", "not scored yet"}}
         : std::map<std::string, std::string>{
               {"no_value", "无数据"}, {"no_target", "无目标值"}, {"not_scored", "待评分"}};
  io::XlsxSheet sheet;
  sheet.name = en ? "Self-evaluation" : "考核自评";
  sheet.columns = {{en ? "Area" : "考核内容", io::XlsxCellType::kText, 12},
                   {en ? "Item" : "考核项", io::XlsxCellType::kText, 22},
                   {en ? "Rule" : "评分方法", io::XlsxCellType::kText, 10},
                   {en ? "Points" : "分值", io::XlsxCellType::kText, 8},
                   {en ? "Computed" : "系统评分", io::XlsxCellType::kText, 10},
                   {en ? "Own points" : "自评分", io::XlsxCellType::kText, 8},
                   {en ? "Explanation" : "自评说明", io::XlsxCellType::kText, 40},
                   {en ? "Partner's opinion" : "对口方意见", io::XlsxCellType::kText, 30},
                   {en ? "Evidence" : "佐证材料", io::XlsxCellType::kText, 24}};
  for (const report::AssessmentSection& section : key.found.t.sections) {
    for (const report::AssessmentItem& i : section.items) {
      const json& c = computed[i.code];
      std::string points = c.contains("points") && !c["points"].is_null()
                               ? PointsText(c["points"].get<int64_t>())
                               : missing.at(c.value("missing", std::string("no_value")));
      auto own = key.s.values.find(i.code);
      sheet.rows.push_back({en && !section.name_en.empty() ? section.name_en : section.name_zh,
                            en && !i.name_en.empty() ? i.name_en : i.name_zh,
                            std::string(report::ScoringRuleName(i.rule)), PointsText(i.points),
                            points,
                            own == key.s.values.end() ? std::string() : PointsText(own->second),
                            text(i.code), text(i.code + kPartnerSuffix), files[i.code]});
    }
  }
  return sheet;
}

// Takes `action` on the self-evaluation: checks the step, the items (a submit needs the points
// of every manual item) and writes it with its step.
Status Act(RequestContext& ctx, SelfKey& key, SubmissionAction action, const SelfBody& body) {
  ASSIGN_OR_RETURN(model::WorkflowState next,
                   CheckStep(ctx, key.s, action, body.version, false, body.comment));
  if (body.items) {
    if (action != SubmissionAction::kSave && action != SubmissionAction::kSubmit) {
      return InvalidArgument("items are only sent when saving or submitting",
                             {{"items", "leave out"}});
    }
    key.s.values = body.items->values;
    key.s.texts = body.items->texts;
  }
  if (action == SubmissionAction::kSubmit) {
    std::vector<FieldError> missing;
    for (const report::AssessmentItem* i : key.found.t.Items()) {
      if (i->rule == report::ScoringRule::kManual && !key.s.values.contains(i->code)) {
        missing.push_back({"items." + i->code + ".points",
                           "give the points of " + i->name_zh + " before submitting"});
      }
    }
    if (!missing.empty()) {
      return InvalidArgument(std::to_string(missing.size()) + " manual item(s) have no points",
                             missing);
    }
  }
  key.s.status = next.status;
  key.s.approvals = next.approvals;
  key.s.comment = body.comment;
  store::SubmissionEvent event;
  event.action = model::SubmissionActionName(action);
  event.comment = body.comment;
  ASSIGN_OR_RETURN(key.s, ctx.store().WriteSubmission(key.s, event, ctx.actor()));
  return Status::Ok();
}

// Files may be added or removed while the office may still save the self-evaluation.
Status RequireEditable(RequestContext& ctx, const SelfKey& key) {
  std::vector<std::string> chain = model::ApprovalChain(key.region);
  model::WorkflowActor actor = WorkflowActorOf(ctx.principal(), key.region, chain);
  return model::Transition({key.s.status, key.s.approvals}, SubmissionAction::kSave, chain.size(),
                           actor, false, "")
      .status();
}

// The file {id} of the self-evaluation the path names. Errors: kNotFound.
Result<std::pair<store::SubmissionFile, store::Attachment>> FileOf(RequestContext& ctx,
                                                                   const SelfKey& key) {
  ASSIGN_OR_RETURN(int64_t id, ParsePathId(ctx.Param("id")));
  auto file = ctx.store().GetSubmissionFile(id);
  if (!file.ok() || key.s.id == 0 || file->first.submission_id != key.s.id) {
    return NotFound("the self-evaluation of " + key.region + " for " + std::to_string(key.year) +
                    " has no file " + std::to_string(id));
  }
  return std::move(file).value();
}

}  // namespace

void RegisterSelfEvaluationRoutes(Router& router,
                                  const std::shared_ptr<AnalyticsService>& service) {
  using model::perm::kAssessmentRead;
  constexpr const char* kPath = "/api/v1/assessment/self/{code}/{year}";
  auto unavailable = [] { return Unavailable("analytics did not start; see the server log"); };
  router.Add({.method = "GET",
              .pattern = kPath,
              .permission = kAssessmentRead,
              .scope = ScopeRule::kPathRegion,
              .handler = [service, unavailable](RequestContext& ctx) -> Result<HttpResponse> {
                if (service == nullptr) return unavailable();
                ASSIGN_OR_RETURN(SelfKey key, SelfKeyOf(ctx, *service));
                ASSIGN_OR_RETURN(json answer, SelfJson(ctx, *service, key));
                return JsonResponse(answer);
              }});
  // Saving the items (a draft, or a correction of a returned one).
  router.Add({.method = "PUT",
              .pattern = kPath,
              .permission = model::perm::kDatasetEnter,
              .scope = ScopeRule::kPathRegion,
              .handler = [service, unavailable](RequestContext& ctx) -> Result<HttpResponse> {
                if (service == nullptr) return unavailable();
                ASSIGN_OR_RETURN(SelfKey key, SelfKeyOf(ctx, *service));
                ASSIGN_OR_RETURN(SelfBody body, ParseSelfBody(ctx.request().body, key.found.t));
                if (!body.items) return InvalidArgument("nothing to save", {{"items", "required"}});
                RETURN_IF_ERROR(Act(ctx, key, SubmissionAction::kSave, body));
                ASSIGN_OR_RETURN(json answer, SelfJson(ctx, *service, key));
                return JsonResponse(answer);
              }});
  // Evidence for one item (?item, ?filename; the body is the file): a PDF, Word document or
  // image of at most 20 MB. Saves an empty draft first when there is none.
  router.Add({.method = "POST",
              .pattern = std::string(kPath) + "/files",
              .permission = model::perm::kDatasetEnter,
              .scope = ScopeRule::kPathRegion,
              .handler = [service, unavailable](RequestContext& ctx) -> Result<HttpResponse> {
                if (service == nullptr) return unavailable();
                ASSIGN_OR_RETURN(SelfKey key, SelfKeyOf(ctx, *service));
                const HttpRequest& req = ctx.request();
                const std::string item = req.Query("item");
                const std::vector<const report::AssessmentItem*> items = key.found.t.Items();
                if (std::none_of(items.begin(), items.end(), [&](const report::AssessmentItem* i) {
                      return i->code == item;
                    })) {
                  return InvalidArgument(
                      "name an item of the " + std::to_string(key.year) + " template",
                      {{"item", item.empty() ? "is required" : "unknown item " + item}});
                }
                const std::string filename = req.Query("filename");
                if (filename.empty())
                  return InvalidArgument("name the file", {{"filename", "is required"}});
                if (req.body.size() > kMaxAttachmentBytes) {
                  return InvalidArgument("the file is larger than 20 MB", {{"file", "too large"}});
                }
                const std::string type = AttachmentType(req.body, filename);
                if (type.empty()) {
                  return InvalidArgument(
                      "attach a PDF, a Word document (.docx, .doc) or an image (.png, .jpg) whose "
                      "contents match its name",
                      {{"file", "not a PDF, Word document or image, or not what its name says"}});
                }
                RETURN_IF_ERROR(RequireEditable(ctx, key));
                if (key.s.id == 0) {
                  store::SubmissionEvent event;
                  event.action = model::SubmissionActionName(SubmissionAction::kSave);
                  ASSIGN_OR_RETURN(key.s, ctx.store().WriteSubmission(key.s, event, ctx.actor()));
                }
                ASSIGN_OR_RETURN(store::SubmissionFile added,
                                 ctx.store().AddSubmissionFile(
                                     key.s.id, item, {filename, type, req.body, 0}, ctx.actor()));
                return JsonResponse({{"id", added.id},
                                     {"item", added.field},
                                     {"filename", added.filename},
                                     {"content_type", added.content_type},
                                     {"size", added.size}},
                                    201);
              }});
  // submit, approve, return, unapprove (after /files, which the pattern would also match); the
  // workflow checks who may.
  router.Add({.method = "POST",
              .pattern = std::string(kPath) + "/{action}",
              .permission = kAssessmentRead,
              .scope = ScopeRule::kPathRegion,
              .handler = [service, unavailable](RequestContext& ctx) -> Result<HttpResponse> {
                if (service == nullptr) return unavailable();
                std::optional<SubmissionAction> action =
                    model::ParseSubmissionAction(ctx.Param("action"));
                if (!action || *action == SubmissionAction::kSave) {
                  return NotFound("no action " + ctx.Param("action") +
                                  ": submit, approve, return or unapprove");
                }
                ASSIGN_OR_RETURN(SelfKey key, SelfKeyOf(ctx, *service));
                ASSIGN_OR_RETURN(SelfBody body, ParseSelfBody(ctx.request().body, key.found.t));
                RETURN_IF_ERROR(Act(ctx, key, *action, body));
                ASSIGN_OR_RETURN(json answer, SelfJson(ctx, *service, key));
                return JsonResponse(answer);
              }});
  router.Add({.method = "GET",
              .pattern = std::string(kPath) + "/export",
              .permission = kAssessmentRead,
              .scope = ScopeRule::kPathRegion,
              .handler = [service, unavailable](RequestContext& ctx) -> Result<HttpResponse> {
                if (service == nullptr) return unavailable();
                ASSIGN_OR_RETURN(SelfKey key, SelfKeyOf(ctx, *service));
                ASSIGN_OR_RETURN(io::XlsxSheet sheet, SelfSheet(ctx, *service, key));
                ASSIGN_OR_RETURN(std::string bytes, io::WriteXlsx({sheet}));
                return FileResponse(std::move(bytes), kXlsxType,
                                    sheet.name + "-" + RegionName(*service, key.region) + "-" +
                                        std::to_string(key.year) + ".xlsx");
              }});
  router.Add({.method = "GET",
              .pattern = std::string(kPath) + "/files/{id}",
              .permission = kAssessmentRead,
              .scope = ScopeRule::kPathRegion,
              .handler = [service, unavailable](RequestContext& ctx) -> Result<HttpResponse> {
                if (service == nullptr) return unavailable();
                ASSIGN_OR_RETURN(SelfKey key, SelfKeyOf(ctx, *service));
                ASSIGN_OR_RETURN(auto file, FileOf(ctx, key));
                return FileResponse(std::move(file.second.bytes), file.second.content_type,
                                    file.second.filename);
              }});
  router.Add({.method = "DELETE",
              .pattern = std::string(kPath) + "/files/{id}",
              .permission = model::perm::kDatasetEnter,
              .scope = ScopeRule::kPathRegion,
              .handler = [service, unavailable](RequestContext& ctx) -> Result<HttpResponse> {
                if (service == nullptr) return unavailable();
                ASSIGN_OR_RETURN(SelfKey key, SelfKeyOf(ctx, *service));
                ASSIGN_OR_RETURN(auto file, FileOf(ctx, key));
                RETURN_IF_ERROR(RequireEditable(ctx, key));
                RETURN_IF_ERROR(ctx.store().DeleteSubmissionFile(file.first.id, ctx.actor()));
                return JsonResponse({{"ok", true}});
              }});
}

}  // namespace xiezuo::api
