// Scoring peer regions against an assessment template: the template of a year and side, the
// figures, last year's figures, the agreement targets and the approved self-evaluations' manual
// points.
#include "api/assessment_scores.h"

#include <algorithm>
#include <limits>
#include <tuple>

#include "api/agreement_targets.h"

namespace xiezuo::api {
namespace {

using nlohmann::json;
using report::AssessmentTemplate;

// The value of each of `indicators` for `region` over `months` on `side`; nullopt where there is
// no figure (missing, not zero).
Result<std::vector<std::optional<int64_t>>> FiguresOf(const AnalyticsService& service,
                                                      const std::vector<std::string>& indicators,
                                                      const std::string& region,
                                                      analytics::MonthRange months,
                                                      analytics::Side side) {
  if (indicators.empty()) return std::vector<std::optional<int64_t>>();  // manual items only
  analytics::TableRequest request;
  request.indicators = indicators;
  request.region = region;
  request.depth = 0;
  request.months = months;
  request.side = side;
  ASSIGN_OR_RETURN(analytics::Table table, service.analytics().Query(request));
  std::vector<std::optional<int64_t>> out;
  for (const analytics::IndicatorCells& c : table.total.indicators) {
    const analytics::Cell& cell = c.cells.at(0);
    out.push_back(cell.has_data ? std::optional<int64_t>(cell.value) : std::nullopt);
  }
  return out;
}

// The manual points of the approved self-evaluations of `peers` for `year`, by region and item.
Result<std::map<std::string, std::map<std::string, int64_t>>> ApprovedManualPoints(
    store::Store& store, int year, const std::vector<std::string>& peers) {
  std::map<std::string, std::map<std::string, int64_t>> out;
  for (const std::string& peer : peers) {
    ASSIGN_OR_RETURN(std::optional<store::Submission> s,
                     store.FindSubmission(std::string(report::kSelfEvaluationDataset), peer,
                                          std::to_string(year)));
    if (s && s->status == model::SubmissionStatus::kApproved) out[peer] = s->values;
  }
  return out;
}

}  // namespace

Result<int> YearOf(const std::string& text) {
  std::optional<int> year = ParseInt(text);
  if (!year || *year < 2000 || *year > 2099) {
    return InvalidArgument("bad year", {{"year", "a year such as 2021"}});
  }
  return *year;
}

Result<model::CooperationSide> SideOf(const std::string& side) {
  if (side == "east") return model::CooperationSide::kEast;
  if (side == "west") return model::CooperationSide::kWest;
  return InvalidArgument("bad side", {{"side", "east (the giving side) or west (receiving)"}});
}

Result<FoundTemplate> TemplateOf(store::Store& store, int year, const std::string& side,
                                 int version) {
  ASSIGN_OR_RETURN(model::CooperationSide s, SideOf(side));
  FoundTemplate found;
  ASSIGN_OR_RETURN(found.versions, store.ListAssessmentTemplates(year, side));
  if (found.versions.empty() && version == 0) {
    found.t = report::DefaultTemplate(year, s);
    found.t.version = 0;
    found.shipped = true;
    return found;
  }
  const store::AssessmentTemplateVersion* v =
      found.versions.empty() ? nullptr : &found.versions.back();
  if (version != 0) {
    auto it = std::find_if(found.versions.begin(), found.versions.end(),
                           [&](const auto& x) { return x.version == version; });
    v = it == found.versions.end() ? nullptr : &*it;
  }
  if (v == nullptr) {
    return NotFound("no version " + std::to_string(version) + " of the " + std::to_string(year) +
                    " " + side + " assessment template");
  }
  json body = json::parse(v->body, nullptr, false);
  if (!body.is_discarded()) {
    body["year"] = year;
    body["side"] = side;
    body["version"] = v->version;
  }
  auto t = report::TemplateFromJson(body);
  if (!t.ok()) {
    return Internal("stored assessment template " + std::to_string(year) + "/" + side + "/" +
                    std::to_string(v->version) + " does not read: " + t.status().message());
  }
  found.t = std::move(t).value();
  return found;
}

Result<ScoreRun> ScorePeers(RequestContext& ctx, const AnalyticsService& service, int year,
                            std::string side_name, int version, std::vector<std::string> peers,
                            std::string region) {
  const analytics::RegionIndex& index = service.analytics().regions();
  ScoreRun run;
  run.year = year;
  run.peers = std::move(peers);
  run.region = std::move(region);
  run.side = std::move(side_name);
  if (run.side.empty()) {
    const std::string& probe = run.region.empty() ? run.peers.front() : run.region;
    run.side = model::RegionSide(probe) == model::CooperationSide::kEast ? "east" : "west";
  }
  ASSIGN_OR_RETURN(run.found, TemplateOf(ctx.store(), run.year, run.side, version));
  ASSIGN_OR_RETURN(auto manual, ApprovedManualPoints(ctx.store(), run.year, run.peers));
  const analytics::Side side = run.side == "east" ? analytics::Side::kEast : analytics::Side::kWest;

  const std::vector<const report::AssessmentItem*> items = run.found.t.Items();
  std::vector<std::string> indicators;  // each once, in the items' order
  for (const report::AssessmentItem* i : items) {
    if (!i->indicator.empty() &&
        std::find(indicators.begin(), indicators.end(), i->indicator) == indicators.end()) {
      indicators.push_back(i->indicator);
    }
  }
  auto column = [&](const std::string& code) {
    return static_cast<size_t>(std::find(indicators.begin(), indicators.end(), code) -
                               indicators.begin());
  };
  std::map<std::string, std::vector<report::ItemInput>> inputs;
  for (const std::string& peer : run.peers) {
    run.names[peer] = index.node(index.Find(peer)).name;
    ASSIGN_OR_RETURN(auto now,
                     FiguresOf(service, indicators, peer, analytics::YearRange(run.year), side));
    ASSIGN_OR_RETURN(auto before, FiguresOf(service, indicators, peer,
                                            analytics::YearRange(run.year - 1), side));
    ASSIGN_OR_RETURN(AgreementTargets agreed, AgreementTargetsOf(ctx, peer, run.year, side));
    std::vector<report::ItemInput>& list = inputs[peer];
    for (const report::AssessmentItem* i : items) {
      report::ItemInput in;
      if (!i->indicator.empty()) {
        in.value = now[column(i->indicator)];
        in.last_year = before[column(i->indicator)];
      }
      if (i->target_source == report::TargetSource::kAgreement) {
        in.agreement = agreed.Sum(i->agreement_field);
      }
      if (i->rule == report::ScoringRule::kManual) {
        // The points of an approved self-evaluation; missing until it is approved.
        auto given = manual.find(peer);
        if (given != manual.end()) {
          auto v = given->second.find(i->code);
          if (v != given->second.end()) in.manual = v->second;
        }
      }
      list.push_back(in);
    }
  }
  ASSIGN_OR_RETURN(run.scores, report::Score(run.found.t, inputs));
  std::sort(run.scores.begin(), run.scores.end(),
            [](const report::RegionScore& a, const report::RegionScore& b) {
              const int ra = a.rank.value_or(std::numeric_limits<int>::max());
              const int rb = b.rank.value_or(std::numeric_limits<int>::max());
              return std::tie(ra, a.region_code) < std::tie(rb, b.region_code);
            });
  return run;
}

namespace {
json OptionalJson(const std::optional<int64_t>& v) { return v ? json(*v) : json(nullptr); }
}  // namespace

std::string PointsText(int64_t hundredths) {
  std::string s = std::to_string(hundredths / 100);
  const int64_t rest = hundredths % 100;
  if (rest != 0) {
    s += '.';
    s += static_cast<char>('0' + rest / 10);
    if (rest % 10 != 0) s += static_cast<char>('0' + rest % 10);
  }
  return s;
}

json RegionScoreJson(const ScoreRun& run, const report::RegionScore& s, bool english) {
  const std::vector<const report::AssessmentItem*> items = run.found.t.Items();
  json list = json::array();
  for (size_t k = 0; k < s.items.size(); ++k) {
    const report::ItemScore& i = s.items[k];
    list.push_back({{"code", i.code},
                    {"value", OptionalJson(i.value)},
                    {"target", OptionalJson(i.target)},
                    {"ratio", OptionalJson(i.ratio)},
                    {"points", OptionalJson(i.points)},
                    {"full_points", items[k]->points},
                    {"rank", i.rank ? json(*i.rank) : json(nullptr)},
                    {"missing", i.missing.empty() ? json(nullptr) : json(i.missing)}});
  }
  return {{"region_code", s.region_code},
          {"name", run.names.at(s.region_code)},
          {"points", s.points},
          {"full_points", s.full_points},
          {"missing", s.missing},
          {"grade", s.grade ? json(report::GradeName(*s.grade)) : json(nullptr)},
          {"grade_label",
           s.grade ? json(report::GradeLabel(*s.grade, english ? "en" : "zh")) : json(nullptr)},
          {"rank", s.rank ? json(*s.rank) : json(nullptr)},
          {"items", list}};
}

}  // namespace xiezuo::api
