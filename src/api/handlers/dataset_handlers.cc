// /api/v1/datasets and /api/v1/submissions: aggregate data entry (数据填报) — the data sets, a
// region's form for one period (with last period's figure and the records' figure beside each
// field), saving, submitting, approving, returning and un-approving, and the approval worklist.
#include <nlohmann/json.hpp>

#include "api/analytics_service.h"
#include "api/app.h"
#include "api/json_input.h"
#include "api/record_labels.h"
#include "api/submission_workflow.h"
#include "model/validation_rule.h"
#include "report/assessment.h"

namespace xiezuo::api {
namespace {

using model::Dataset;
using model::Period;
using model::SubmissionAction;
using model::SubmissionStatus;
using nlohmann::json;

// The largest value a field takes: 10^15 fen is 10 trillion yuan.
constexpr int64_t kMaxValue = 1'000'000'000'000'000;

bool English(const RequestContext& ctx) { return RequestLang(ctx.request()) == "en"; }

const char* SideName(model::CooperationSide side) {
  return side == model::CooperationSide::kEast ? "east" : "west";
}

// The deadline (days after the period) of a data set: the administrator's, or the default.
Result<int> DeadlineDays(store::Store& store, const Dataset& dataset) {
  ASSIGN_OR_RETURN(auto deadlines, store.DatasetDeadlines());
  auto it = deadlines.find(dataset.code);
  return it == deadlines.end() ? dataset.deadline_days : it->second;
}

json FieldJson(const model::DatasetField& f, bool english) {
  const model::Indicator& i = *model::FindIndicator(f.indicator);
  const RecordLabels& labels = RecordLabels::For(english ? "en" : "zh-CN");
  std::string name = english ? i.name_en : i.name_zh;
  std::string label = f.option.empty() ? name : labels.Option(i.breakdown, f.option);
  return {{"key", f.key},
          {"indicator", f.indicator},
          {"option", f.option},
          {"label", label},
          {"indicator_name", name},
          {"unit", model::IndicatorUnitName(i.unit)},
          {"unit_label", model::IndicatorUnitLabel(i.unit, english ? "en" : "zh-CN")},
          {"derived", i.derivation.has_value()}};
}

json DatasetJson(const Dataset& d, int deadline_days, bool english) {
  json fields = json::array();
  for (const model::DatasetField& f : d.fields) fields.push_back(FieldJson(f, english));
  return {{"code", d.code},
          {"name", english ? d.name_en : d.name_zh},
          {"period_type", model::PeriodTypeName(d.period_type)},
          {"side", SideName(d.side)},
          {"level", model::RegionLevelName(d.level)},
          {"deadline_days", deadline_days},
          {"default_deadline_days", d.deadline_days},
          {"fields", fields}};
}

// Everything one request about one form needs: the data set, region, period and deadline.
struct FormKey {
  const Dataset* dataset = nullptr;
  std::string region;
  Period period;
  int deadline_days = 0;
  int64_t deadline_at = 0;  // seconds
};

Result<FormKey> FormKeyOf(RequestContext& ctx, const AnalyticsService& service) {
  FormKey key;
  key.dataset = model::FindDataset(ctx.Param("dataset"));
  if (key.dataset == nullptr) return NotFound("no data set has code " + ctx.Param("dataset"));
  key.region = ctx.Param("code");
  if (service.analytics().regions().Find(key.region) < 0) {
    return NotFound("no region has code " + key.region);
  }
  if (model::LevelOfCode(key.region) != key.dataset->level) {
    return InvalidArgument(
        "the data set " + key.dataset->code + " is entered by " +
            model::RegionLevelName(key.dataset->level) + " offices, not for region " + key.region,
        {{"code", std::string("a ") + model::RegionLevelName(key.dataset->level) + " code"}});
  }
  if (model::RegionSide(key.region) != key.dataset->side) {
    return InvalidArgument(
        "the data set " + key.dataset->code + " is for the " + SideName(key.dataset->side) +
            " side; region " + key.region + " is not on it",
        {{"code", std::string("a region of the ") + SideName(key.dataset->side) + " side"}});
  }
  ASSIGN_OR_RETURN(key.period, model::ParsePeriod(ctx.Param("period")));
  if (key.period.type != key.dataset->period_type) {
    return InvalidArgument(
        "the data set " + key.dataset->code + " is entered per " +
            model::PeriodTypeName(key.dataset->period_type) + ", not per " +
            model::PeriodTypeName(key.period.type),
        {{"period", std::string("a ") + model::PeriodTypeName(key.dataset->period_type)}});
  }
  ASSIGN_OR_RETURN(key.deadline_days, DeadlineDays(ctx.store(), *key.dataset));
  key.deadline_at = key.period.DeadlineSeconds(key.deadline_days);
  return key;
}

// The figures of the form's region for `period`, by field key.
Result<std::map<std::string, analytics::Cell>> FiguresOf(const AnalyticsService& service,
                                                         const FormKey& key, const Period& period) {
  analytics::TableRequest request;
  for (const model::DatasetField& f : key.dataset->fields) {
    if (std::find(request.indicators.begin(), request.indicators.end(), f.indicator) ==
        request.indicators.end()) {
      request.indicators.push_back(f.indicator);
    }
  }
  request.region = key.region;
  request.depth = 0;
  request.months = PeriodMonths(period);
  request.side = key.dataset->side == model::CooperationSide::kEast ? analytics::Side::kEast
                                                                    : analytics::Side::kWest;
  request.by_breakdown = true;
  ASSIGN_OR_RETURN(analytics::Table table, service.analytics().Query(request));
  std::map<std::string, analytics::Cell> out;
  for (const model::DatasetField& f : key.dataset->fields) {
    size_t k = std::find(request.indicators.begin(), request.indicators.end(), f.indicator) -
               request.indicators.begin();
    const std::vector<analytics::Cell>& cells = table.total.indicators[k].cells;
    size_t o = 0;
    if (!f.option.empty()) {
      const auto& options = model::BreakdownOptions(*model::FindIndicator(f.indicator));
      o = 1 + (std::find(options.begin(), options.end(), f.option) - options.begin());
    }
    if (o < cells.size()) out[f.key] = cells[o];
  }
  return out;
}

// The validation rules a data set can check by itself (every term is one of its fields), and
// the ones `values` break.
json Violations(const Dataset& dataset, const std::map<std::string, int64_t>& values,
                bool english) {
  json out = json::array();
  for (const model::ValidationRule& rule : model::ValidationRules()) {
    bool own = true;
    for (const auto* side : {&rule.left, &rule.right}) {
      for (const model::RuleTerm& t : *side) own = own && dataset.FindField(t.Key()) != nullptr;
    }
    if (!own) continue;
    std::optional<model::RuleOutcome> outcome =
        model::EvaluateRule(rule, [&](const model::RuleTerm& t) -> std::optional<int64_t> {
          auto it = values.find(t.Key());
          if (it == values.end()) return std::nullopt;
          return it->second;
        });
    if (!outcome || outcome->holds) continue;
    out.push_back({{"rule", rule.code},
                   {"name", english ? rule.name_en : rule.name_zh},
                   {"expression", rule.expression},
                   {"operator", model::RuleOperatorText(rule.op)},
                   {"left", outcome->left},
                   {"right", outcome->right}});
  }
  return out;
}

// The form as the client shows it.
Result<json> FormJson(RequestContext& ctx, const AnalyticsService& service, const FormKey& key,
                      int64_t now) {
  const bool english = English(ctx);
  ASSIGN_OR_RETURN(
      std::optional<store::Submission> found,
      ctx.store().FindSubmission(key.dataset->code, key.region, key.period.ToString()));
  store::Submission s = found.value_or(store::Submission{});
  s.region_code = key.region;
  ASSIGN_OR_RETURN(auto current, FiguresOf(service, key, key.period));
  ASSIGN_OR_RETURN(auto previous, FiguresOf(service, key, key.period.Previous()));

  json fields = json::array();
  for (const model::DatasetField& f : key.dataset->fields) {
    json field = FieldJson(f, english);
    auto value = s.values.find(f.key);
    field["value"] = value == s.values.end() ? json(nullptr) : json(value->second);
    const analytics::Cell& prev = previous[f.key];
    field["previous"] = prev.has_data ? json(prev.value) : json(nullptr);
    const analytics::Cell& cur = current[f.key];
    bool derived = model::FindIndicator(f.indicator)->derivation.has_value();
    field["derived_value"] = derived ? json(cur.derived) : json(nullptr);
    field["differs"] = derived && value != s.values.end() && value->second != cur.derived;
    fields.push_back(std::move(field));
  }

  bool locked = now > key.deadline_at;
  ASSIGN_OR_RETURN(json workflow, WorkflowJson(ctx, service, s, locked));
  return json{{"dataset", DatasetJson(*key.dataset, key.deadline_days, english)},
              {"region", {{"code", key.region}, {"name", RegionName(service, key.region)}}},
              {"period", key.period.ToString()},
              {"previous_period", key.period.Previous().ToString()},
              {"period_end", key.period.EndDate()},
              {"deadline_at", key.deadline_at},
              {"locked", locked && s.status == SubmissionStatus::kDraft},
              {"submission",
               {{"id", s.id},
                {"status", model::SubmissionStatusName(s.status)},
                {"approvals", s.approvals},
                {"version", s.version},
                {"comment", s.comment},
                {"updated_at", s.updated_at},
                {"updated_by", s.updated_by},
                {"counts_in_figures", s.id != 0 && model::CountsInFigures(s.status)}}},
              {"chain", workflow["chain"]},
              {"fields", fields},
              {"actions", workflow["actions"]},
              {"violations", Violations(*key.dataset, s.values, english)},
              {"events", workflow["events"]}};
}

// The body of a save or an action: {"version": n, "values": {key: n|null}, "comment": "…"}.
struct FormBody {
  int64_t version = 0;
  std::optional<std::map<std::string, int64_t>> values;  // absent: keep the stored ones
  std::string comment;
};

Result<FormBody> ParseFormBody(const std::string& text, const Dataset& dataset) {
  json body = json::parse(text.empty() ? "{}" : text, nullptr, false);
  if (body.is_discarded() || !body.is_object()) {
    return InvalidArgument("the body is not a JSON object", {{"", "send a JSON object"}});
  }
  FormBody out;
  std::vector<FieldError> errors;
  for (const auto& [name, value] : body.items()) {
    if (ReadStepField(name, value, out.version, out.comment, errors)) {
      continue;
    } else if (name == "values") {
      if (!value.is_object()) {
        errors.push_back({"values", "an object of field keys and integers"});
        continue;
      }
      out.values.emplace();
      for (const auto& [key, v] : value.items()) {
        if (dataset.FindField(key) == nullptr) {
          errors.push_back(
              {"values." + key, "the data set " + dataset.code + " has no such field"});
        } else if (v.is_null()) {
          continue;  // left empty
        } else if (!v.is_number_integer()) {
          errors.push_back({"values." + key, "must be a whole number (money in fen)"});
        } else if (v.get<int64_t>() < 0 || v.get<int64_t>() > kMaxValue) {
          errors.push_back({"values." + key, "must be from 0 to 10^15"});
        } else {
          (*out.values)[key] = v.get<int64_t>();
        }
      }
    } else {
      errors.push_back({name, "unknown field"});
    }
  }
  if (!errors.empty()) return InvalidArgument("the form has invalid fields", errors);
  return out;
}

// Runs `action` on the form: checks the workflow, the version and (on submit) the validation
// rules, then writes the submission with its step.
Status Act(RequestContext& ctx, const FormKey& key, SubmissionAction action, const FormBody& body,
           int64_t now) {
  ASSIGN_OR_RETURN(
      std::optional<store::Submission> found,
      ctx.store().FindSubmission(key.dataset->code, key.region, key.period.ToString()));
  store::Submission s = found.value_or(store::Submission{});
  if (!found) {
    s.dataset = key.dataset->code;
    s.region_code = key.region;
    s.period = key.period.ToString();
  }
  ASSIGN_OR_RETURN(model::WorkflowState next,
                   CheckStep(ctx, s, action, body.version, now > key.deadline_at, body.comment));
  if (body.values) {
    if (action != SubmissionAction::kSave && action != SubmissionAction::kSubmit) {
      return InvalidArgument("values are only sent when saving or submitting",
                             {{"values", "leave out"}});
    }
    s.values = *body.values;
  }
  if (action == SubmissionAction::kSubmit) {
    if (s.values.empty()) {
      return InvalidArgument("the form is empty", {{"values", "enter at least one figure"}});
    }
    json broken = Violations(*key.dataset, s.values, English(ctx));
    if (!broken.empty()) {
      std::vector<FieldError> details;
      for (const json& v : broken) {
        details.push_back({"rule:" + v["rule"].get<std::string>(),
                           v["name"].get<std::string>() + ": " +
                               std::to_string(v["left"].get<int64_t>()) + " " +
                               v["operator"].get<std::string>() + " " +
                               std::to_string(v["right"].get<int64_t>()) + " does not hold"});
      }
      return InvalidArgument(
          "the figures break " + std::to_string(details.size()) + " validation rule(s)", details);
    }
  }
  s.status = next.status;
  s.approvals = next.approvals;
  s.comment = body.comment;
  store::SubmissionEvent event;
  event.action = model::SubmissionActionName(action);
  event.comment = body.comment;
  return ctx.store().WriteSubmission(s, event, ctx.actor()).status();
}

// A submission's data set as the worklist names it: a shipped one, or a self-evaluation.
std::string DatasetName(const Dataset* d, const std::string& code, bool english) {
  if (d != nullptr) return english ? d->name_en : d->name_zh;
  if (code == report::kSelfEvaluationDataset) {
    return english ? "Assessment self-evaluation" : "考核自评";
  }
  return code;
}

// The approval chain's next level, as {code, name}, or null.
json WaitingFor(const AnalyticsService& service, const store::Submission& s) {
  if (s.status != SubmissionStatus::kSubmitted) return nullptr;
  std::vector<std::string> chain = model::ApprovalChain(s.region_code);
  if (s.approvals >= static_cast<int>(chain.size())) return nullptr;
  const std::string& code = chain[s.approvals];
  return {{"code", code}, {"name", RegionName(service, code)}};
}

}  // namespace

void RegisterDatasetRoutes(Router& router, const Clock& clock,
                           const std::shared_ptr<AnalyticsService>& service) {
  using model::perm::kDatasetAdmin;
  using model::perm::kDatasetRead;
  auto unavailable = [] { return Unavailable("analytics did not start; see the server log"); };
  router.Add({.method = "GET",
              .pattern = "/api/v1/datasets",
              .permission = kDatasetRead,
              .handler = [](RequestContext& ctx) -> Result<HttpResponse> {
                json items = json::array();
                for (const Dataset& d : model::Datasets()) {
                  ASSIGN_OR_RETURN(int days, DeadlineDays(ctx.store(), d));
                  items.push_back(DatasetJson(d, days, English(ctx)));
                }
                return JsonResponse({{"items", items}});
              }});
  router.Add({.method = "PUT",
              .pattern = "/api/v1/datasets/{dataset}/deadline",
              .permission = kDatasetAdmin,
              .handler = [](RequestContext& ctx) -> Result<HttpResponse> {
                const Dataset* d = model::FindDataset(ctx.Param("dataset"));
                if (d == nullptr) return NotFound("no data set has code " + ctx.Param("dataset"));
                static constexpr FieldSpec kFields[] = {{"deadline_days", FieldType::kInt, true}};
                ASSIGN_OR_RETURN(json body, ParseBody(ctx.request().body, kFields));
                int64_t days = GetInt(body, "deadline_days");
                if (days < 0 || days > 366) {
                  return InvalidArgument("bad deadline",
                                         {{"deadline_days", "days after the period: 0 to 366"}});
                }
                RETURN_IF_ERROR(
                    ctx.store().SetDatasetDeadline(d->code, static_cast<int>(days), ctx.actor()));
                return JsonResponse(DatasetJson(*d, static_cast<int>(days), English(ctx)));
              }});
  router.Add(
      {.method = "GET",
       .pattern = "/api/v1/datasets/{dataset}/entries/{code}/{period}",
       .permission = kDatasetRead,
       .scope = ScopeRule::kPathRegion,
       .handler = [service, &clock, unavailable](RequestContext& ctx) -> Result<HttpResponse> {
         if (service == nullptr) return unavailable();
         ASSIGN_OR_RETURN(FormKey key, FormKeyOf(ctx, *service));
         ASSIGN_OR_RETURN(json form, FormJson(ctx, *service, key, clock.NowSeconds()));
         return JsonResponse(form);
       }});
  // Saving the values (a draft, or a correction of a returned one).
  router.Add(
      {.method = "PUT",
       .pattern = "/api/v1/datasets/{dataset}/entries/{code}/{period}",
       .permission = model::perm::kDatasetEnter,
       .scope = ScopeRule::kPathRegion,
       .handler = [service, &clock, unavailable](RequestContext& ctx) -> Result<HttpResponse> {
         if (service == nullptr) return unavailable();
         ASSIGN_OR_RETURN(FormKey key, FormKeyOf(ctx, *service));
         ASSIGN_OR_RETURN(FormBody body, ParseFormBody(ctx.request().body, *key.dataset));
         if (!body.values) {
           return InvalidArgument("nothing to save", {{"values", "required"}});
         }
         int64_t now = clock.NowSeconds();
         RETURN_IF_ERROR(Act(ctx, key, SubmissionAction::kSave, body, now));
         ASSIGN_OR_RETURN(json form, FormJson(ctx, *service, key, now));
         return JsonResponse(form);
       }});
  // submit, approve, return, unapprove. The permission depends on the action: the workflow
  // checks it (entering for submit, an approving level for the others).
  router.Add(
      {.method = "POST",
       .pattern = "/api/v1/datasets/{dataset}/entries/{code}/{period}/{action}",
       .permission = kDatasetRead,
       .scope = ScopeRule::kPathRegion,
       .handler = [service, &clock, unavailable](RequestContext& ctx) -> Result<HttpResponse> {
         if (service == nullptr) return unavailable();
         std::optional<SubmissionAction> action = model::ParseSubmissionAction(ctx.Param("action"));
         if (!action || *action == SubmissionAction::kSave) {
           return NotFound("no action " + ctx.Param("action") +
                           ": submit, approve, return or unapprove");
         }
         ASSIGN_OR_RETURN(FormKey key, FormKeyOf(ctx, *service));
         ASSIGN_OR_RETURN(FormBody body, ParseFormBody(ctx.request().body, *key.dataset));
         int64_t now = clock.NowSeconds();
         RETURN_IF_ERROR(Act(ctx, key, *action, body, now));
         ASSIGN_OR_RETURN(json form, FormJson(ctx, *service, key, now));
         return JsonResponse(form);
       }});
  // The submissions inside the caller's scope (?dataset, region_code, period, status), or
  // with ?awaiting=1 those waiting for the caller's level to approve them.
  router.Add({.method = "GET",
              .pattern = "/api/v1/submissions",
              .permission = kDatasetRead,
              .scope = ScopeRule::kQueryRegion,
              .handler = [service, unavailable](RequestContext& ctx) -> Result<HttpResponse> {
                if (service == nullptr) return unavailable();
                const HttpRequest& req = ctx.request();
                store::SubmissionFilter filter;
                filter.dataset = req.Query("dataset");
                if (!filter.dataset.empty() && model::FindDataset(filter.dataset) == nullptr) {
                  return InvalidArgument("unknown data set", {{"dataset", "no such data set"}});
                }
                filter.within_region = req.Query("region_code");
                if (filter.within_region.empty()) {
                  filter.within_region = ctx.principal().user.scope_region_code;
                }
                if (!req.Query("period").empty()) filter.periods = {req.Query("period")};
                std::string status = req.Query("status");
                if (!status.empty()) {
                  filter.status = model::ParseSubmissionStatus(status);
                  if (!filter.status) {
                    return InvalidArgument("bad status",
                                           {{"status", "draft, submitted, returned or approved"}});
                  }
                }
                bool awaiting = req.Query("awaiting") == "1";
                if (awaiting) filter.status = SubmissionStatus::kSubmitted;
                ASSIGN_OR_RETURN(auto found, ctx.store().ListSubmissions(filter, 5000));
                const std::string& scope = ctx.principal().user.scope_region_code;
                bool english = English(ctx);
                json items = json::array();
                for (const store::Submission& s : found) {
                  json waiting = WaitingFor(*service, s);
                  if (awaiting && !scope.empty() &&
                      (waiting.is_null() || waiting["code"] != scope)) {
                    continue;
                  }
                  const Dataset* d = model::FindDataset(s.dataset);
                  items.push_back({{"id", s.id},
                                   {"dataset", s.dataset},
                                   {"dataset_name", DatasetName(d, s.dataset, english)},
                                   {"region_code", s.region_code},
                                   {"region_name", RegionName(*service, s.region_code)},
                                   {"period", s.period},
                                   {"status", model::SubmissionStatusName(s.status)},
                                   {"approvals", s.approvals},
                                   {"levels", model::ApprovalChain(s.region_code).size()},
                                   {"waiting_for", waiting},
                                   {"comment", s.comment},
                                   {"updated_at", s.updated_at},
                                   {"updated_by", s.updated_by}});
                }
                return JsonResponse({{"items", items}, {"total", items.size()}});
              }});
}

}  // namespace xiezuo::api
