// Assessment (考核): templates of weighted, scored items per year and side, and the scoring of
// regions' figures against them — points per item, a total, a grade band and a ranking among
// peers. Pure rules over numbers: the figures and targets come from the analytics and the
// agreement targets (see the API), so every rule here is testable on its own.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/status.h"
#include "model/indicator.h"

namespace xiezuo::report {

// Where an item's target comes from.
enum class TargetSource {
  kFixed,      // a number in the template
  kAgreement,  // the year's agreement targets (年度帮扶协议) of the region's pairings, one field
  kLastYear,  // last year's figure × a factor
};

// How an item's figure turns into points.
enum class ScoringRule {
  kLinear,     // points × figure / target, the ratio capped (a cap above 100 % gives a bonus)
  kThreshold,  // full points when the figure reaches a share of the target, else none
  kRank,       // by rank among the peers scored together: the first full points, the last
               // `floor` of them, linear between; ties share the better rank
  kManual,     // the assessor gives the points (qualitative items, with evidence)
};

// The grade bands (好 / 较好 / 一般 / 差), from the share of the full points.
enum class Grade { kGood, kFairlyGood, kAverage, kPoor };

std::string_view TargetSourceName(TargetSource s);  // "fixed", "agreement", "last_year"
std::string_view ScoringRuleName(ScoringRule r);    // "linear", "threshold", "rank", "manual"
std::string_view GradeName(Grade g);                // "good", "fairly_good", "average", "poor"
std::string_view GradeLabel(Grade g, std::string_view lang);  // "好"… or "Good"…

// One scored item. Points, shares and factors are integers: points in hundredths (1000 = 10
// points), shares and factors in thousandths (1200 = 120 %), so scores are exact.
struct AssessmentItem {
  std::string code;  // unique in the template
  std::string name_zh;
  std::string name_en;
  std::string indicator;  // the catalogue's code; "" for kManual
  int64_t points = 0;     // the item's weight: its full points, in hundredths
  ScoringRule rule = ScoringRule::kLinear;
  TargetSource target_source = TargetSource::kFixed;
  int64_t target = 0;                 // kFixed: in the indicator's unit (fen; ratios in 0.01 %)
  std::string agreement_field;        // kAgreement: a field of agreement_target (funds_fen…)
  int64_t factor_permille = 1000;     // kLastYear: the target is last year's × this / 1000
  int64_t cap_permille = 1000;        // kLinear: the ratio counts up to this
  int64_t threshold_permille = 1000;  // kThreshold: the share of the target to reach
  int64_t floor_permille = 0;         // kRank: the last rank's share of the points
  bool operator==(const AssessmentItem&) const = default;
};

// A section (an area of the assessment: 组织领导, 人才交流…) and its items.
struct AssessmentSection {
  std::string code;
  std::string name_zh;
  std::string name_en;
  std::vector<AssessmentItem> items;
  bool operator==(const AssessmentSection&) const = default;
};

// The cut-offs of the grade bands, as shares of the full points in hundredths of a percent
// (9000 = 90 %): at least `good` is 好, at least `fairly_good` 较好, at least `average` 一般,
// below it 差.
struct GradeBands {
  int64_t good = 9000;
  int64_t fairly_good = 8000;
  int64_t average = 6000;
  bool operator==(const GradeBands&) const = default;
};

// A template for one year and side. Edits make a new version; scores name the version used.
struct AssessmentTemplate {
  int year = 0;
  model::CooperationSide side = model::CooperationSide::kWest;
  int version = 1;
  std::string name;
  std::vector<AssessmentSection> sections;
  GradeBands bands;
  bool operator==(const AssessmentTemplate&) const = default;

  int64_t FullPoints() const;  // the sum of the items' points
  // Every item, in order (sections one after another).
  std::vector<const AssessmentItem*> Items() const;
};

// Checks a template against the catalogue: a year of 2000–2099; unique section and item
// codes; names; an indicator of the catalogue for every non-manual item and none for a manual
// one; positive points; a known agreement field for kAgreement; a positive target for kFixed;
// a positive factor; a cap and threshold of at least 1 ‰; a floor of 0–1000 ‰; the bands
// descending within (0, 100 %]. Errors: kInvalidArgument, one detail per problem, each naming
// its place ("sections[2].items[0].indicator").
Status CheckTemplate(const AssessmentTemplate& t);

// The agreement_target fields a kAgreement item can name, and the indicator each measures
// (funds_fen → fund_allocation…). A kAgreement item should name the same indicator.
struct AgreementField {
  std::string_view field;
  std::string_view indicator;
};
const std::vector<AgreementField>& AgreementFields();
// The indicator an agreement field is measured by, or "" when it is not one.
std::string_view AgreementIndicator(std::string_view field);

// The pseudo data set of a region's self-evaluation (考核自评) for a year: a submission (period
// "2021") whose values are the manual items' points in hundredths by item code, whose texts are
// each item's explanation (item code) and the partner side's opinion (item code + ".partner"),
// and whose files are each item's evidence (field: the item code).
inline constexpr std::string_view kSelfEvaluationDataset = "assessment_self";

// The shipped template for `year` and `side`, on the six areas of the 2017–2020 assessment
// (组织领导, 人才交流, 资金使用, 产业合作, 劳务协作, 携手奔小康), 100 points. It passes
// CheckTemplate.
AssessmentTemplate DefaultTemplate(int year, model::CooperationSide side);

// What one item is scored from. Missing is nullopt, never 0.
struct ItemInput {
  std::optional<int64_t> value;      // the figure for the year
  std::optional<int64_t> agreement;  // kAgreement: the summed agreement targets
  std::optional<int64_t> last_year;  // kLastYear: last year's figure
  std::optional<int64_t> manual;     // kManual: the points given, in hundredths
};

// One item's score. Missing data stays missing: `points` is nullopt and `missing` says why —
// "no_value" (no figure), "no_target" (no target, or a target of 0), "not_scored" (a manual item
// without points). Ratios are in hundredths of a percent.
struct ItemScore {
  std::string code;
  std::optional<int64_t> value;
  std::optional<int64_t> target;
  std::optional<int64_t> ratio;
  std::optional<int64_t> points;
  std::optional<int> rank;  // kRank: 1 = best, among the peers with a figure
  std::string missing;
};

// A region's score: its items in template order, the points of the scored items, the full
// points, how many items are missing, and the grade — only when none is missing.
struct RegionScore {
  std::string region_code;
  std::vector<ItemScore> items;
  int64_t points = 0;
  int64_t full_points = 0;
  int missing = 0;
  std::optional<Grade> grade;
  std::optional<int> rank;  // among the regions scored together, by points; ties share it
};

// The target of `item` from `input`: the fixed number, the agreement sum, or last year's figure
// × the factor (rounded half up); nullopt when its source is missing. Manual items have none.
std::optional<int64_t> TargetOf(const AssessmentItem& item, const ItemInput& input);

// The grade of `points` out of `full` under `bands`. REQUIRES: full > 0.
Grade GradeOf(int64_t points, int64_t full, const GradeBands& bands);

// Scores regions together (peers: the counties of a city, or a chosen group): `inputs` has, per
// region code, one input per item of t.Items(). Rank items rank the regions' figures; the
// regions are ranked by points among those with no missing item (the others get no rank).
// Errors: kInvalidArgument when a region's inputs do not match the template's items.
Result<std::vector<RegionScore>> Score(const AssessmentTemplate& t,
                                       const std::map<std::string, std::vector<ItemInput>>& inputs);

// JSON of a template (the API's and the store's form) and back. FromJson errors:
// kInvalidArgument naming the field (and CheckTemplate's problems).
nlohmann::json TemplateJson(const AssessmentTemplate& t);
Result<AssessmentTemplate> TemplateFromJson(const nlohmann::json& j);

}  // namespace xiezuo::report
