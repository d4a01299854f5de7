// The shipped indicator catalogue: every figure of the seed articles (DOMAIN.md), with the
// breakdowns they use, and how each is derived from records.
#include "model/indicator.h"

#include <algorithm>
#include <array>
#include <set>

namespace xiezuo::model {
namespace {

using IU = IndicatorUnit;
using IA = IndicatorAggregation;

// A sum of `value_field` ("" = a count of records) over records of `kind`, in the month of the
// first non-empty of `dates`.
Derivation Sum(std::string kind, std::vector<std::string> dates, std::string value_field,
               std::vector<FieldIn> where = {}) {
  Derivation d;
  d.kind = std::move(kind);
  d.date_fields = std::move(dates);
  d.value_field = std::move(value_field);
  d.where = std::move(where);
  return d;
}

Derivation WithBreakdown(Derivation d, std::string field) {
  d.breakdown_field = std::move(field);
  return d;
}

Derivation Distinct(Derivation d, std::string entity_field) {
  d.entity_field = std::move(entity_field);
  return d;
}

Derivation EastFrom(Derivation d, std::vector<std::string> east, std::vector<FieldIn> when = {}) {
  d.east_regions = std::move(east);
  d.east_when = std::move(when);
  return d;
}

Indicator Make(std::string code, std::string zh, std::string en, IU unit, std::string area,
               std::string breakdown, std::optional<Derivation> derivation,
               IA aggregation = IA::kSum) {
  Indicator i;
  i.code = std::move(code);
  i.name_zh = std::move(zh);
  i.name_en = std::move(en);
  i.unit = unit;
  i.area = std::move(area);
  i.breakdown = std::move(breakdown);
  i.derivation = std::move(derivation);
  i.aggregation = aggregation;
  return i;
}

Indicator Ratio(std::string code, std::string zh, std::string en, std::string area,
                std::string numerator, std::string denominator) {
  Indicator i = Make(std::move(code), std::move(zh), std::move(en), IU::kPercent, std::move(area),
                     "", std::nullopt, IA::kRatio);
  i.numerator = std::move(numerator);
  i.denominator = std::move(denominator);
  return i;
}

// A fund flow of one IATI type, by source level.
Indicator Fund(std::string code, std::string zh, std::string en, std::string type) {
  return Make(std::move(code), std::move(zh), std::move(en), IU::kYuan, "funds", "source_level",
              WithBreakdown(Sum("fund", {"date"}, "amount_fen", {{"type", {std::move(type)}}}),
                            "source_level"));
}

// A placement figure: by destination class; the paired east side counts only placements that
// went to it (to the destination region when given, else the pairing's eastern party).
Derivation PlacementSum(std::string value_field) {
  return EastFrom(
      WithBreakdown(Sum("placement", {"start_date"}, std::move(value_field)), "destination_class"),
      {"destination_region_code", "pairing"}, {{"destination_class", {"paired_east"}}});
}

// Both directions of a talent exchange: the western and eastern regions are whichever of the
// record's regions (and its pairing's parties) lie on each side.
Derivation Exchange(std::string kind, std::vector<std::string> dates, std::string value_field,
                    const std::vector<std::string>& regions) {
  Derivation d =
      WithBreakdown(Sum(std::move(kind), std::move(dates), std::move(value_field)), "direction");
  d.west_regions = regions;
  d.west_regions.emplace_back("pairing");
  d.east_regions = regions;
  d.east_regions.emplace_back("pairing");
  return d;
}

std::vector<Indicator> MakeIndicators() {
  std::vector<Indicator> out;
  auto add = [&](Indicator i) { out.push_back(std::move(i)); };

  // 组织领导: pairings, meetings and visits.
  add(Make("pairings_signed", "新签结对", "Pairings signed", IU::kCount, "organisation",
           "pairing_level", WithBreakdown(Sum("pairing", {"signed_date"}, ""), "level")));
  {
    Derivation batches = Sum("meeting", {"date"}, "batches");
    batches.breakdown_field = "direction";
    batches.west_regions = {"to_region_code", "from_region_code", "region_code", "pairing"};
    batches.east_regions = {"from_region_code", "to_region_code", "pairing"};
    add(Make("meeting_batches", "互访交流批次", "Visits (batches)", IU::kBatch, "organisation",
             "direction", batches));
    Derivation persons = batches;
    persons.value_field = "persons";
    add(Make("meeting_persons", "互访交流人次", "Visits (person-times)", IU::kPersonTime,
             "organisation", "direction", persons));
  }

  // 资金使用: fund flows by type, and how much of the allocation went out and was spent.
  add(Fund("fund_commitment", "承诺协作资金", "Funds committed", "commitment"));
  add(Fund("fund_allocation", "到位协作资金", "Funds allocated", "allocation"));
  add(Fund("fund_disbursement", "拨付协作资金", "Funds disbursed", "disbursement"));
  add(Fund("fund_expenditure", "支出协作资金", "Funds spent", "expenditure"));
  add(Ratio("fund_disbursement_rate", "资金拨付率", "Disbursement rate", "funds",
            "fund_disbursement", "fund_allocation"));
  add(Ratio("fund_expenditure_rate", "资金支出率", "Expenditure rate", "funds", "fund_expenditure",
            "fund_disbursement"));
  add(Make("projects_funded", "资金支持项目数", "Projects funded", IU::kCount, "funds", "",
           Distinct(Sum("fund", {"date"}, "", {}), "project_id"), IA::kCountDistinct));

  // 产业合作: projects, their money, progress and beneficiaries; investment.
  add(Make("projects", "协作项目数", "Projects", IU::kCount, "industry", "project_category",
           WithBreakdown(Distinct(Sum("project", {}, ""), "id"), "category"), IA::kCountDistinct));
  add(Make("projects_by_status", "协作项目数(按状态)", "Projects by status", IU::kCount, "industry",
           "project_status", WithBreakdown(Distinct(Sum("project", {}, ""), "id"), "status"),
           IA::kCountDistinct));
  add(Make("project_total_investment", "项目总投资", "Project total investment", IU::kYuan,
           "industry", "", Sum("project", {}, "total_investment_fen")));
  add(Make("project_coop_funds", "项目协作资金", "Project cooperation funds", IU::kYuan, "industry",
           "", Sum("project", {}, "coop_funds_fen")));
  add(Make("project_completed_investment", "项目累计完成投资", "Project investment completed",
           IU::kYuan, "industry", "",
           Distinct(Sum("project_progress", {"date"}, "completed_fen"), "project_id"), IA::kLast));
  add(Make("project_households", "项目受益户数", "Households benefiting", IU::kHousehold,
           "industry", "", Sum("project", {}, "households")));
  add(Make("project_persons", "项目受益人数", "Persons benefiting", IU::kPerson, "industry", "",
           Sum("project", {}, "persons")));
  add(Make("project_poverty_persons", "项目受益脱贫人口", "Poverty-alleviated persons benefiting",
           IU::kPerson, "industry", "", Sum("project", {}, "poverty_persons")));
  add(Make("benefit_paid", "利益联结金额", "Benefits paid", IU::kYuan, "industry",
           "benefit_mechanism",
           WithBreakdown(Sum("project_benefit", {}, "amount_fen"), "mechanism")));
  add(Make("benefit_beneficiaries", "利益联结受益人数", "Benefit beneficiaries", IU::kPerson,
           "industry", "benefit_mechanism",
           WithBreakdown(Sum("project_benefit", {}, "beneficiaries"), "mechanism")));
  {
    auto investment = [](std::string value_field) {
      return EastFrom(Sum("investment", {"landed_date"}, std::move(value_field)),
                      {"origin_region_code", "pairing"});
    };
    add(Make("enterprises_landed", "引导落地企业", "Enterprises landed", IU::kCount, "industry", "",
             investment("firms")));
    add(Make("investment_committed", "协议投资额", "Investment committed", IU::kYuan, "industry",
             "", investment("committed_fen")));
    add(Make("investment_actual", "实际到位投资", "Investment landed", IU::kYuan, "industry", "",
             investment("actual_fen")));
    add(Make("investment_jobs", "落地企业带动就业", "Jobs from investment", IU::kPerson, "industry",
             "", investment("jobs")));
  }

  // 劳务协作: placements, trainings, fairs, workshops.
  add(Make("placement_persons", "转移就业人数", "Workers placed", IU::kPerson, "labour",
           "destination_class", PlacementSum("persons")));
  add(Make("placement_poverty_persons", "其中脱贫人口转移就业", "Of which poverty-alleviated",
           IU::kPerson, "labour", "destination_class", PlacementSum("poverty_persons")));
  add(Make("training_sessions", "技能培训期数", "Training sessions", IU::kBatch, "labour", "",
           Sum("labour_training", {"start_date", "end_date"}, "sessions")));
  add(Make("training_participants", "技能培训人次", "Trainees", IU::kPersonTime, "labour", "",
           Sum("labour_training", {"start_date", "end_date"}, "participants")));
  add(Make("training_employed", "培训后就业人数", "Employed after training", IU::kPerson, "labour",
           "", Sum("labour_training", {"start_date", "end_date"}, "employed")));
  add(Make("fairs", "招聘会场次", "Recruitment fairs", IU::kCount, "labour", "",
           Sum("recruitment_fair", {"date"}, "fairs")));
  add(Make("fair_posts", "提供岗位数", "Posts offered", IU::kCount, "labour", "",
           Sum("recruitment_fair", {"date"}, "posts")));
  add(Make("fair_hires", "招聘会达成就业", "Hired at fairs", IU::kPerson, "labour", "",
           Sum("recruitment_fair", {"date"}, "hires")));
  add(Make("workshops", "社区工厂和帮扶车间", "Community factories and workshops", IU::kCount,
           "labour", "workshop_kind",
           WithBreakdown(Sum("workshop", {"established_date"}, "count"), "kind")));
  add(Make("workshop_jobs", "车间吸纳就业", "Workshop jobs", IU::kPerson, "labour", "workshop_kind",
           WithBreakdown(Sum("workshop", {"established_date"}, "jobs"), "kind")));
  add(Make("workshop_poverty_workers", "车间吸纳脱贫人口", "Poverty-alleviated workshop workers",
           IU::kPerson, "labour", "workshop_kind",
           WithBreakdown(Sum("workshop", {"established_date"}, "poverty_workers"), "kind")));

  // 消费帮扶: sales by channel, the certified share, certified products.
  {
    auto sales = [](std::string value_field) {
      return EastFrom(WithBreakdown(Sum("consumption_sale", {"period_end", "period_start"},
                                        std::move(value_field)),
                                    "channel"),
                      {"buyer_region_code", "pairing"});
    };
    add(Make("consumption_sales", "消费帮扶金额", "Consumption assistance sales", IU::kYuan,
             "consumption", "sale_channel", sales("amount_fen")));
    add(Make("consumption_certified_sales", "其中认定产品销售额", "Of which certified products",
             IU::kYuan, "consumption", "sale_channel", sales("certified_fen")));
  }
  {
    // Certified in the west; no eastern side.
    Derivation certified = Sum("certified_product", {"valid_from"}, "");
    certified.west_regions = {"region_code"};
    certified.east_regions = {};
    add(Make("certified_products", "认定帮扶产品", "Certified products", IU::kCount, "consumption",
             "", certified));
  }

  // 人才交流: cadres, professionals, trainings.
  add(Make("cadres", "挂职干部", "Cadres seconded", IU::kPerson, "talent", "direction",
           Exchange("cadre_secondment", {"start_date"}, "persons",
                    {"region_code", "from_region_code", "to_region_code"})));
  add(Make("professionals", "专业技术人才", "Professionals exchanged", IU::kPerson, "talent",
           "direction", Exchange("professional", {"start_date"}, "persons", {"region_code"})));
  add(Make("talent_training_sessions", "干部人才培训期数", "Cadre and professional trainings",
           IU::kBatch, "talent", "talent_kind",
           WithBreakdown(Sum("talent_training", {}, "sessions"), "kind")));
  add(Make("talent_training_person_times", "干部人才培训人次", "Cadres and professionals trained",
           IU::kPersonTime, "talent", "talent_kind",
           WithBreakdown(Sum("talent_training", {}, "person_times"), "kind")));

  // 携手奔小康 / 社会帮扶: donations.
  add(Make("donation_money", "捐款", "Donated money", IU::kYuan, "society", "",
           Sum("donation", {"date"}, "money_fen")));
  add(Make("donation_goods", "捐物折款", "Donated goods (value)", IU::kYuan, "society", "",
           Sum("donation", {"date"}, "goods_fen")));
  add(Make("donation_beneficiaries", "社会帮扶受益人数", "Donation beneficiaries", IU::kPerson,
           "society", "", Sum("donation", {"date"}, "beneficiaries")));
  return out;
}

bool IsIntegerType(FieldType t) {
  return t == FieldType::kInt || t == FieldType::kMoney || t == FieldType::kPercent ||
         t == FieldType::kYear || t == FieldType::kBool;
}

}  // namespace

const char* IndicatorUnitName(IndicatorUnit unit) {
  switch (unit) {
    case IU::kYuan:
      return "yuan";
    case IU::kPerson:
      return "person";
    case IU::kPersonTime:
      return "person_time";
    case IU::kCount:
      return "count";
    case IU::kBatch:
      return "batch";
    case IU::kHousehold:
      return "household";
    case IU::kPercent:
      return "percent";
  }
  return "count";
}

const char* IndicatorUnitLabel(IndicatorUnit unit, std::string_view lang) {
  if (lang.starts_with("en")) {
    switch (unit) {
      case IU::kYuan:
        return "yuan";
      case IU::kPerson:
        return "persons";
      case IU::kPersonTime:
        return "person-times";
      case IU::kCount:
        return "items";
      case IU::kBatch:
        return "batches";
      case IU::kHousehold:
        return "households";
      case IU::kPercent:
        return "%";
    }
  }
  switch (unit) {
    case IU::kYuan:
      return "元";
    case IU::kPerson:
      return "人";
    case IU::kPersonTime:
      return "人次";
    case IU::kCount:
      return "个";
    case IU::kBatch:
      return "批次";
    case IU::kHousehold:
      return "户";
    case IU::kPercent:
      return "%";
  }
  return "";
}

const char* IndicatorAggregationName(IndicatorAggregation aggregation) {
  switch (aggregation) {
    case IA::kSum:
      return "sum";
    case IA::kCountDistinct:
      return "count_distinct";
    case IA::kLast:
      return "last";
    case IA::kRatio:
      return "ratio";
  }
  return "sum";
}

const std::vector<Indicator>& Indicators() {
  static const std::vector<Indicator> kIndicators = MakeIndicators();
  return kIndicators;
}

const Indicator* FindIndicator(std::string_view code) {
  int i = IndicatorIndex(code);
  return i < 0 ? nullptr : &Indicators()[static_cast<size_t>(i)];
}

int IndicatorIndex(std::string_view code) {
  const auto& all = Indicators();
  for (size_t i = 0; i < all.size(); ++i) {
    if (all[i].code == code) return static_cast<int>(i);
  }
  return -1;
}

const std::vector<std::string>& BreakdownOptions(const Indicator& indicator) {
  static const std::vector<std::string> kNone;
  if (indicator.breakdown.empty()) return kNone;
  return EnumOptions(indicator.breakdown);
}

std::optional<CooperationSide> RegionSide(std::string_view region_code) {
  // By the province's two digits (a restart asks for every record's regions).
  if (region_code.size() < 2 || region_code[0] < '0' || region_code[0] > '9' ||
      region_code[1] < '0' || region_code[1] > '9') {
    return std::nullopt;
  }
  switch ((region_code[0] - '0') * 10 + (region_code[1] - '0')) {
    case 11:
    case 12:
    case 31:
    case 32:
    case 33:
    case 35:
    case 37:
    case 44:
      return CooperationSide::kEast;
    case 15:
    case 45:
    case 50:
    case 51:
    case 52:
    case 53:
    case 61:
    case 62:
    case 63:
    case 64:
      return CooperationSide::kWest;
    default:
      return std::nullopt;
  }
}

std::string CheckIndicators(const std::vector<Indicator>& indicators) {
  std::string problems;
  auto problem = [&](const Indicator& i, const std::string& what) {
    problems += i.code + ": " + what + "\n";
  };
  std::set<std::string, std::less<>> codes;
  for (const Indicator& i : indicators) {
    if (!codes.insert(i.code).second) problem(i, "code repeats");
  }
  for (const Indicator& i : indicators) {
    if (i.code.empty() || i.name_zh.empty() || i.name_en.empty())
      problem(i, "needs a code and names");
    if (!i.breakdown.empty() && EnumOptions(i.breakdown).empty()) {
      problem(i, "unknown breakdown option set " + i.breakdown);
    }
    if (i.aggregation == IA::kRatio) {
      if (!codes.contains(i.numerator) || !codes.contains(i.denominator)) {
        problem(i, "a ratio needs a known numerator and denominator");
      }
      if (i.derivation) problem(i, "a ratio is computed, not derived");
      continue;
    }
    if (!i.derivation) continue;
    const Derivation& d = *i.derivation;
    const RecordKind* kind = FindKind(d.kind);
    if (kind == nullptr) {
      problem(i, "unknown kind " + d.kind);
      continue;
    }
    auto field = [&](const std::string& key) { return kind->Field(key); };
    for (const std::string& key : d.date_fields) {
      if (field(key) == nullptr || field(key)->type != FieldType::kDate) {
        problem(i, d.kind + "." + key + " is not a date field");
      }
    }
    if (d.date_fields.empty() && field("year") == nullptr) {
      problem(i, d.kind + " has neither date fields nor a year");
    }
    if (!d.value_field.empty() &&
        (field(d.value_field) == nullptr || !IsIntegerType(field(d.value_field)->type))) {
      problem(i, d.kind + "." + d.value_field + " is not a number field");
    }
    if (i.aggregation != IA::kSum && d.entity_field != "id" &&
        (field(d.entity_field) == nullptr || field(d.entity_field)->type != FieldType::kRef)) {
      problem(i, d.kind + "." + d.entity_field + " does not name a thing");
    }
    auto check_filters = [&](const std::vector<FieldIn>& filters) {
      for (const FieldIn& f : filters) {
        const FieldDef* def = field(f.field);
        if (def == nullptr || def->type != FieldType::kEnum) {
          problem(i, d.kind + "." + f.field + " is not an enum field");
          continue;
        }
        const auto& options = EnumOptions(def->options);
        for (const std::string& v : f.values) {
          if (std::find(options.begin(), options.end(), v) == options.end()) {
            problem(i, d.kind + "." + f.field + " has no option " + v);
          }
        }
      }
    };
    check_filters(d.where);
    check_filters(d.east_when);
    if (!d.breakdown_field.empty()) {
      const FieldDef* def = field(d.breakdown_field);
      bool computed_direction = d.breakdown_field == "direction" && def == nullptr;
      if (!computed_direction &&
          (def == nullptr || def->type != FieldType::kEnum || def->options != i.breakdown)) {
        problem(i, d.kind + "." + d.breakdown_field + " does not give the " + i.breakdown +
                       " breakdown");
      }
    } else if (!i.breakdown.empty()) {
      problem(i, "a breakdown without a breakdown field");
    }
    for (const auto* list : {&d.west_regions, &d.east_regions}) {
      for (const std::string& key : *list) {
        if (key == "pairing") {
          if (!kind->has_pairing) problem(i, d.kind + " has no pairing");
        } else if (field(key) == nullptr || field(key)->type != FieldType::kRegion) {
          problem(i, d.kind + "." + key + " is not a region field");
        }
      }
    }
  }
  return problems;
}

}  // namespace xiezuo::model
