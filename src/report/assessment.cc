// Assessment templates, their checks and JSON form, the shipped template, and scoring.
#include "report/assessment.h"

#include <algorithm>
#include <array>
#include <set>

namespace xiezuo::report {
namespace {

using nlohmann::json;

// num / den rounded half away from zero. REQUIRES: den > 0.
int64_t DivRound(__int128 num, __int128 den) {
  const __int128 half = den / 2;
  return static_cast<int64_t>(num >= 0 ? (num + half) / den : -((-num + half) / den));
}

// Competition ranks (1, 2, 2, 4) of `values`, the highest first.
std::vector<int> RanksOf(const std::vector<int64_t>& values) {
  std::vector<int> ranks(values.size());
  for (size_t i = 0; i < values.size(); ++i) {
    ranks[i] = 1 + static_cast<int>(std::count_if(values.begin(), values.end(),
                                                  [&](int64_t v) { return v > values[i]; }));
  }
  return ranks;
}

constexpr int64_t kWhole = 1000;  // permille
// Bounds that keep every sum and product of a score inside int64 (and sensible): an item is
// worth at most 1000 points, a share or factor at most 100×, a fixed target at most 10^15.
constexpr int64_t kMaxPoints = 100'000;
constexpr int64_t kMaxPermille = 100'000;
constexpr int64_t kMaxTarget = 1'000'000'000'000'000;

AssessmentItem Item(std::string code, std::string zh, std::string en, std::string indicator,
                    int64_t points, ScoringRule rule, TargetSource source) {
  AssessmentItem i;
  i.code = std::move(code);
  i.name_zh = std::move(zh);
  i.name_en = std::move(en);
  i.indicator = std::move(indicator);
  i.points = points * 100;
  i.rule = rule;
  i.target_source = source;
  return i;
}

AssessmentItem Agreed(std::string code, std::string zh, std::string en, std::string field,
                      int64_t points) {
  std::string indicator(AgreementIndicator(field));
  AssessmentItem i = Item(std::move(code), std::move(zh), std::move(en), std::move(indicator),
                          points, ScoringRule::kLinear, TargetSource::kAgreement);
  i.agreement_field = std::move(field);
  return i;
}

AssessmentItem FromLastYear(std::string code, std::string zh, std::string en, std::string indicator,
                            int64_t points) {
  return Item(std::move(code), std::move(zh), std::move(en), std::move(indicator), points,
              ScoringRule::kLinear, TargetSource::kLastYear);
}

AssessmentItem Fixed(std::string code, std::string zh, std::string en, std::string indicator,
                     int64_t points, ScoringRule rule, int64_t target) {
  AssessmentItem i = Item(std::move(code), std::move(zh), std::move(en), std::move(indicator),
                          points, rule, TargetSource::kFixed);
  i.target = target;
  return i;
}

AssessmentItem Manual(std::string code, std::string zh, std::string en, int64_t points) {
  return Item(std::move(code), std::move(zh), std::move(en), "", points, ScoringRule::kManual,
              TargetSource::kFixed);
}

template <typename E, size_t N>
std::optional<E> ByName(const std::array<E, N>& all, std::string_view (*name)(E),
                        std::string_view s) {
  for (E e : all) {
    if (name(e) == s) return e;
  }
  return std::nullopt;
}

constexpr std::array<TargetSource, 3> kSources = {TargetSource::kFixed, TargetSource::kAgreement,
                                                  TargetSource::kLastYear};
constexpr std::array<ScoringRule, 4> kRules = {ScoringRule::kLinear, ScoringRule::kThreshold,
                                               ScoringRule::kRank, ScoringRule::kManual};

// Reads JSON fields, collecting one problem per bad field instead of stopping at the first.
class Reader {
 public:
  explicit Reader(std::vector<FieldError>& problems) : problems_(problems) {}

  std::string Text(const json& j, const std::string& key, const std::string& where) {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) return "";
    if (!it->is_string()) {
      problems_.push_back({where + key, "must be text"});
      return "";
    }
    return it->get<std::string>();
  }

  int64_t Int(const json& j, const std::string& key, const std::string& where, int64_t fallback) {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) return fallback;
    if (!it->is_number_integer()) {
      problems_.push_back({where + key, "must be a whole number"});
      return fallback;
    }
    return it->get<int64_t>();
  }

  const json* Array(const json& j, const std::string& key, const std::string& where) {
    auto it = j.find(key);
    if (it == j.end() || !it->is_array()) {
      problems_.push_back({where + key, "must be a list"});
      return nullptr;
    }
    return &*it;
  }

  void Problem(std::string field, std::string reason) {
    problems_.push_back({std::move(field), std::move(reason)});
  }

 private:
  std::vector<FieldError>& problems_;
};

}  // namespace

std::string_view TargetSourceName(TargetSource s) {
  switch (s) {
    case TargetSource::kFixed:
      return "fixed";
    case TargetSource::kAgreement:
      return "agreement";
    case TargetSource::kLastYear:
      return "last_year";
  }
  return "fixed";
}

std::string_view ScoringRuleName(ScoringRule r) {
  switch (r) {
    case ScoringRule::kLinear:
      return "linear";
    case ScoringRule::kThreshold:
      return "threshold";
    case ScoringRule::kRank:
      return "rank";
    case ScoringRule::kManual:
      return "manual";
  }
  return "linear";
}

std::string_view GradeName(Grade g) {
  switch (g) {
    case Grade::kGood:
      return "good";
    case Grade::kFairlyGood:
      return "fairly_good";
    case Grade::kAverage:
      return "average";
    case Grade::kPoor:
      return "poor";
  }
  return "poor";
}

std::string_view GradeLabel(Grade g, std::string_view lang) {
  const bool en = lang == "en";
  switch (g) {
    case Grade::kGood:
      return en ? "Good" : "好";
    case Grade::kFairlyGood:
      return en ? "Fairly good" : "较好";
    case Grade::kAverage:
      return en ? "Average" : "一般";
    case Grade::kPoor:
      return en ? "Poor" : "差";
  }
  return "";
}

int64_t AssessmentTemplate::FullPoints() const {
  int64_t full = 0;
  for (const AssessmentItem* i : Items()) full += i->points;
  return full;
}

std::vector<const AssessmentItem*> AssessmentTemplate::Items() const {
  std::vector<const AssessmentItem*> out;
  for (const AssessmentSection& s : sections) {
    for (const AssessmentItem& i : s.items) out.push_back(&i);
  }
  return out;
}

const std::vector<AgreementField>& AgreementFields() {
  // Funds are compared with what arrived (到位), labour transfers with the workers placed,
  // trained persons with the trainees (人次) of the skills trainings.
  static const std::vector<AgreementField> kFields = {
      {"funds_fen", "fund_allocation"},         {"cadres", "cadres"},
      {"professionals", "professionals"},       {"labour_transfers", "placement_persons"},
      {"consumption_fen", "consumption_sales"}, {"enterprises", "enterprises_landed"},
      {"investment_fen", "investment_actual"},  {"trained_persons", "training_participants"},
  };
  return kFields;
}

std::string_view AgreementIndicator(std::string_view field) {
  for (const AgreementField& f : AgreementFields()) {
    if (f.field == field) return f.indicator;
  }
  return "";
}

Status CheckTemplate(const AssessmentTemplate& t) {
  std::vector<FieldError> problems;
  auto problem = [&](std::string field, std::string reason) {
    problems.push_back({std::move(field), std::move(reason)});
  };
  if (t.year < 2000 || t.year > 2099) problem("year", "must be 2000–2099");
  if (t.version < 1) problem("version", "must be 1 or more");
  if (t.sections.empty()) problem("sections", "a template needs at least one section");
  std::set<std::string, std::less<>> section_codes;
  std::set<std::string, std::less<>> item_codes;
  for (size_t s = 0; s < t.sections.size(); ++s) {
    const AssessmentSection& section = t.sections[s];
    const std::string at = "sections[" + std::to_string(s) + "].";
    if (section.code.empty()) problem(at + "code", "required");
    if (!section_codes.insert(section.code).second) problem(at + "code", "repeats");
    if (section.name_zh.empty()) problem(at + "name_zh", "required");
    if (section.items.empty()) problem(at + "items", "a section needs at least one item");
    for (size_t k = 0; k < section.items.size(); ++k) {
      const AssessmentItem& i = section.items[k];
      const std::string where = at + "items[" + std::to_string(k) + "].";
      if (i.code.empty()) problem(where + "code", "required");
      if (!item_codes.insert(i.code).second) problem(where + "code", "repeats");
      if (i.name_zh.empty()) problem(where + "name_zh", "required");
      if (i.points <= 0 || i.points > kMaxPoints) {
        problem(where + "points", "must be more than 0 and at most 1000 points");
      }
      if (i.rule == ScoringRule::kManual) {
        if (!i.indicator.empty()) problem(where + "indicator", "a manual item has none");
        continue;
      }
      if (model::FindIndicator(i.indicator) == nullptr) {
        problem(where + "indicator", "not in the catalogue");
      }
      switch (i.target_source) {
        case TargetSource::kFixed:
          if ((i.target <= 0 && i.rule != ScoringRule::kRank) || i.target > kMaxTarget) {
            problem(where + "target", "must be more than 0 and at most 10^15");
          }
          break;
        case TargetSource::kAgreement:
          if (AgreementIndicator(i.agreement_field).empty()) {
            problem(where + "agreement_field", "not a field of the agreement targets");
          }
          break;
        case TargetSource::kLastYear:
          if (i.factor_permille <= 0 || i.factor_permille > kMaxPermille) {
            problem(where + "factor_permille", "must be 1–100000");
          }
          break;
      }
      if (i.rule == ScoringRule::kLinear && (i.cap_permille < 1 || i.cap_permille > kMaxPermille)) {
        problem(where + "cap_permille", "must be 1–100000");
      }
      if (i.rule == ScoringRule::kThreshold &&
          (i.threshold_permille < 1 || i.threshold_permille > kMaxPermille)) {
        problem(where + "threshold_permille", "must be 1–100000");
      }
      if (i.rule == ScoringRule::kRank && (i.floor_permille < 0 || i.floor_permille > kWhole)) {
        problem(where + "floor_permille", "must be 0–1000");
      }
    }
  }
  const GradeBands& b = t.bands;
  if (b.good > 10000 || b.good <= b.fairly_good || b.fairly_good <= b.average || b.average <= 0) {
    problem("bands", "the cut-offs must descend: 100 % ≥ good > fairly good > average > 0");
  }
  if (problems.empty()) return Status::Ok();
  std::string message = "the assessment template has " + std::to_string(problems.size()) +
                        (problems.size() == 1 ? " problem: " : " problems, the first: ") +
                        problems[0].field + " " + problems[0].reason;
  return InvalidArgument(std::move(message), std::move(problems));
}

AssessmentTemplate DefaultTemplate(int year, model::CooperationSide side) {
  using R = ScoringRule;
  AssessmentTemplate t;
  t.year = year;
  t.side = side;
  t.name = side == model::CooperationSide::kWest ? "东西部协作年度考核（受援方）"
                                                 : "东西部协作年度考核（支援方）";
  t.sections = {
      {"organisation",
       "组织领导",
       "Organisation and leadership",
       {Fixed("org_visits", "党政互访交流", "Official visits", "meeting_batches", 6, R::kLinear, 4),
        Manual("org_leadership", "研究部署和工作机制", "Planning and working mechanisms", 6)}},
      {"talent",
       "人才交流",
       "Talent exchange",
       {Agreed("talent_cadres", "挂职干部", "Cadres seconded", "cadres", 5),
        Agreed("talent_professionals", "专业技术人才", "Professionals", "professionals", 5),
        FromLastYear("talent_training", "干部人才培训", "Cadre and talent training",
                     "talent_training_person_times", 5)}},
      {"funds",
       "资金使用",
       "Use of funds",
       {Agreed("funds_allocated", "协作资金到位", "Funds allocated", "funds_fen", 10),
        Fixed("funds_disbursement_rate", "资金拨付率", "Disbursement rate",
              "fund_disbursement_rate", 5, R::kThreshold, 9000),
        Fixed("funds_expenditure_rate", "资金支出率", "Expenditure rate", "fund_expenditure_rate",
              5, R::kLinear, 10000)}},
      {"industry",
       "产业合作",
       "Industrial cooperation",
       {Agreed("industry_enterprises", "引导落地企业", "Enterprises landed", "enterprises", 6),
        Agreed("industry_investment", "实际到位投资", "Investment arrived", "investment_fen", 6),
        FromLastYear("industry_projects", "协作项目", "Cooperation projects", "projects", 6)}},
      {"labour",
       "劳务协作",
       "Labour cooperation",
       {Agreed("labour_placements", "转移就业", "Workers placed", "labour_transfers", 10),
        FromLastYear("labour_poverty", "脱贫人口转移就业", "Poverty-alleviated workers placed",
                     "placement_poverty_persons", 5),
        Agreed("labour_trained", "技能培训", "Skills training", "trained_persons", 5)}},
      {"society",
       "携手奔小康",
       "Together towards moderate prosperity",
       {Agreed("society_consumption", "消费帮扶", "Consumption assistance", "consumption_fen", 6),
        [] {
          AssessmentItem i = Item("society_donations", "社会帮扶捐款", "Donations",
                                  "donation_money", 5, ScoringRule::kRank, TargetSource::kFixed);
          i.floor_permille = 400;
          return i;
        }(),
        Manual("society_pairing", "镇村学校医院企业结对",
               "Pairings of towns, villages, schools, "
               "hospitals and enterprises",
               4)}},
  };
  return t;
}

std::optional<int64_t> TargetOf(const AssessmentItem& item, const ItemInput& input) {
  if (item.rule == ScoringRule::kManual) return std::nullopt;
  switch (item.target_source) {
    case TargetSource::kFixed:
      return item.target > 0 ? std::optional<int64_t>(item.target) : std::nullopt;
    case TargetSource::kAgreement:
      return input.agreement;
    case TargetSource::kLastYear:
      if (!input.last_year) return std::nullopt;
      return DivRound(static_cast<__int128>(*input.last_year) * item.factor_permille, kWhole);
  }
  return std::nullopt;
}

Grade GradeOf(int64_t points, int64_t full, const GradeBands& bands) {
  const __int128 share = static_cast<__int128>(points) * 10000;  // against cut-off × full
  auto reaches = [&](int64_t cut) { return share >= static_cast<__int128>(cut) * full; };
  if (reaches(bands.good)) return Grade::kGood;
  if (reaches(bands.fairly_good)) return Grade::kFairlyGood;
  if (reaches(bands.average)) return Grade::kAverage;
  return Grade::kPoor;
}

Result<std::vector<RegionScore>> Score(
    const AssessmentTemplate& t, const std::map<std::string, std::vector<ItemInput>>& inputs) {
  const std::vector<const AssessmentItem*> items = t.Items();
  std::vector<FieldError> problems;
  for (const auto& [region, list] : inputs) {
    if (list.size() != items.size()) {
      problems.push_back({"regions[" + region + "]", "has " + std::to_string(list.size()) +
                                                         " inputs for " +
                                                         std::to_string(items.size()) + " items"});
      continue;
    }
    for (size_t k = 0; k < items.size(); ++k) {
      const std::optional<int64_t>& m = list[k].manual;
      if (items[k]->rule == ScoringRule::kManual && m && (*m < 0 || *m > items[k]->points)) {
        problems.push_back({"regions[" + region + "].items[" + items[k]->code + "].manual",
                            "must be 0–" + std::to_string(items[k]->points) + " (hundredths)"});
      }
    }
  }
  if (!problems.empty()) {
    std::string message = problems[0].field + " " + problems[0].reason;
    return InvalidArgument(std::move(message), std::move(problems));
  }

  std::vector<RegionScore> scores;
  for (const auto& [region, list] : inputs) {
    RegionScore rs;
    rs.region_code = region;
    rs.full_points = t.FullPoints();
    for (size_t k = 0; k < items.size(); ++k) {
      const AssessmentItem& item = *items[k];
      const ItemInput& in = list[k];
      ItemScore s;
      s.code = item.code;
      s.value = item.rule == ScoringRule::kManual ? std::nullopt : in.value;
      s.target = TargetOf(item, in);
      if (s.value && s.target && *s.target > 0) {
        s.ratio = DivRound(static_cast<__int128>(*s.value) * 10000, *s.target);
      }
      switch (item.rule) {
        case ScoringRule::kManual:
          s.points = in.manual;
          if (!s.points) s.missing = "not_scored";
          break;
        case ScoringRule::kRank:
          if (!s.value) s.missing = "no_value";  // points come with the ranks below
          break;
        case ScoringRule::kLinear:
        case ScoringRule::kThreshold:
          if (!s.value) {
            s.missing = "no_value";
          } else if (!s.target || *s.target <= 0) {
            s.missing = "no_target";
          } else if (item.rule == ScoringRule::kLinear) {
            const __int128 target = *s.target;
            const __int128 counted = std::clamp<__int128>(static_cast<__int128>(*s.value) * kWhole,
                                                          0, target * item.cap_permille);
            s.points = DivRound(counted * item.points, target * kWhole);
          } else {
            const bool met = static_cast<__int128>(*s.value) * kWhole >=
                             static_cast<__int128>(*s.target) * item.threshold_permille;
            s.points = met ? item.points : 0;
          }
          break;
      }
      rs.items.push_back(std::move(s));
    }
    scores.push_back(std::move(rs));
  }
  // Rank items: the regions with a figure, ranked by it.
  for (size_t k = 0; k < items.size(); ++k) {
    const AssessmentItem& item = *items[k];
    if (item.rule != ScoringRule::kRank) continue;
    std::vector<size_t> ranked;
    std::vector<int64_t> values;
    for (size_t r = 0; r < scores.size(); ++r) {
      if (scores[r].items[k].value) {
        ranked.push_back(r);
        values.push_back(*scores[r].items[k].value);
      }
    }
    const std::vector<int> ranks = RanksOf(values);
    const auto n = static_cast<int64_t>(ranked.size());
    for (size_t j = 0; j < ranked.size(); ++j) {
      ItemScore& s = scores[ranked[j]].items[k];
      s.rank = ranks[j];
      if (n == 1) {
        s.points = item.points;
      } else {
        // The share falls linearly from 1000 ‰ at rank 1 to the floor at rank n.
        const __int128 share = static_cast<__int128>(n - 1) * kWhole -
                               static_cast<__int128>(ranks[j] - 1) * (kWhole - item.floor_permille);
        s.points = DivRound(share * item.points, static_cast<__int128>(n - 1) * kWhole);
      }
    }
  }
  // Totals, grades and the ranking of the complete ones.
  std::vector<size_t> complete;
  std::vector<int64_t> totals;
  for (size_t r = 0; r < scores.size(); ++r) {
    RegionScore& rs = scores[r];
    for (const ItemScore& s : rs.items) {
      if (s.points) {
        rs.points += *s.points;
      } else {
        ++rs.missing;
      }
    }
    if (rs.missing == 0 && rs.full_points > 0) {
      rs.grade = GradeOf(rs.points, rs.full_points, t.bands);
      complete.push_back(r);
      totals.push_back(rs.points);
    }
  }
  const std::vector<int> ranks = RanksOf(totals);
  for (size_t j = 0; j < complete.size(); ++j) scores[complete[j]].rank = ranks[j];
  return scores;
}

json TemplateJson(const AssessmentTemplate& t) {
  json sections = json::array();
  for (const AssessmentSection& s : t.sections) {
    json items = json::array();
    for (const AssessmentItem& i : s.items) {
      items.push_back({{"code", i.code},
                       {"name_zh", i.name_zh},
                       {"name_en", i.name_en},
                       {"indicator", i.indicator},
                       {"points", i.points},
                       {"rule", ScoringRuleName(i.rule)},
                       {"target_source", TargetSourceName(i.target_source)},
                       {"target", i.target},
                       {"agreement_field", i.agreement_field},
                       {"factor_permille", i.factor_permille},
                       {"cap_permille", i.cap_permille},
                       {"threshold_permille", i.threshold_permille},
                       {"floor_permille", i.floor_permille}});
    }
    sections.push_back(
        {{"code", s.code}, {"name_zh", s.name_zh}, {"name_en", s.name_en}, {"items", items}});
  }
  return {{"year", t.year},
          {"side", t.side == model::CooperationSide::kEast ? "east" : "west"},
          {"version", t.version},
          {"name", t.name},
          {"full_points", t.FullPoints()},
          {"bands",
           {{"good", t.bands.good},
            {"fairly_good", t.bands.fairly_good},
            {"average", t.bands.average}}},
          {"sections", sections}};
}

Result<AssessmentTemplate> TemplateFromJson(const json& j) {
  if (!j.is_object()) return InvalidArgument("the template must be a JSON object");
  std::vector<FieldError> problems;
  Reader read(problems);
  AssessmentTemplate t;
  t.year = static_cast<int>(read.Int(j, "year", "", 0));
  t.version = static_cast<int>(read.Int(j, "version", "", 1));
  t.name = read.Text(j, "name", "");
  const std::string side = read.Text(j, "side", "");
  if (side == "east") {
    t.side = model::CooperationSide::kEast;
  } else if (side == "west") {
    t.side = model::CooperationSide::kWest;
  } else {
    read.Problem("side", "must be east or west");
  }
  if (auto b = j.find("bands"); b != j.end() && b->is_object()) {
    t.bands.good = read.Int(*b, "good", "bands.", t.bands.good);
    t.bands.fairly_good = read.Int(*b, "fairly_good", "bands.", t.bands.fairly_good);
    t.bands.average = read.Int(*b, "average", "bands.", t.bands.average);
  }
  if (const json* sections = read.Array(j, "sections", "")) {
    for (size_t s = 0; s < sections->size(); ++s) {
      const json& sj = (*sections)[s];
      const std::string at = "sections[" + std::to_string(s) + "].";
      AssessmentSection section;
      section.code = read.Text(sj, "code", at);
      section.name_zh = read.Text(sj, "name_zh", at);
      section.name_en = read.Text(sj, "name_en", at);
      const json* items = sj.is_object() ? read.Array(sj, "items", at) : nullptr;
      for (size_t k = 0; items != nullptr && k < items->size(); ++k) {
        const json& ij = (*items)[k];
        const std::string where = at + "items[" + std::to_string(k) + "].";
        if (!ij.is_object()) {
          read.Problem(where, "must be an object");
          continue;
        }
        AssessmentItem i;
        i.code = read.Text(ij, "code", where);
        i.name_zh = read.Text(ij, "name_zh", where);
        i.name_en = read.Text(ij, "name_en", where);
        i.indicator = read.Text(ij, "indicator", where);
        i.points = read.Int(ij, "points", where, 0);
        const std::string rule = read.Text(ij, "rule", where);
        if (auto r = ByName(kRules, ScoringRuleName, rule)) {
          i.rule = *r;
        } else {
          read.Problem(where + "rule", "must be linear, threshold, rank or manual");
        }
        const std::string source = read.Text(ij, "target_source", where);
        if (auto src = ByName(kSources, TargetSourceName, source.empty() ? "fixed" : source)) {
          i.target_source = *src;
        } else {
          read.Problem(where + "target_source", "must be fixed, agreement or last_year");
        }
        i.target = read.Int(ij, "target", where, 0);
        i.agreement_field = read.Text(ij, "agreement_field", where);
        i.factor_permille = read.Int(ij, "factor_permille", where, 1000);
        i.cap_permille = read.Int(ij, "cap_permille", where, 1000);
        i.threshold_permille = read.Int(ij, "threshold_permille", where, 1000);
        i.floor_permille = read.Int(ij, "floor_permille", where, 0);
        section.items.push_back(std::move(i));
      }
      t.sections.push_back(std::move(section));
    }
  }
  if (!problems.empty()) {
    std::string message = problems[0].field + " " + problems[0].reason;
    return InvalidArgument(std::move(message), std::move(problems));
  }
  RETURN_IF_ERROR(CheckTemplate(t));
  return t;
}

}  // namespace xiezuo::report
