// Indicators (指标): the catalogue of every figure xiezuo rolls up, reports and checks — its
// code, names, unit, aggregation, breakdown, and how it is derived from cooperation records.
// Names are catalogue data (as region names are), in Chinese and English.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/record.h"
#include "model/region.h"

namespace xiezuo::model {

enum class IndicatorUnit { kYuan, kPerson, kPersonTime, kCount, kBatch, kHousehold, kPercent };

// "yuan" (values in fen), "person", "person_time", "count", "batch", "household", "percent"
// (values in hundredths of a percent).
const char* IndicatorUnitName(IndicatorUnit unit);
// 元, 人, 人次, 个, 批次, 户, % — or, for lang "en", yuan, persons, person-times, items,
// batches, households, %.
const char* IndicatorUnitLabel(IndicatorUnit unit, std::string_view lang = "zh-CN");

enum class IndicatorAggregation {
  kSum,            // the sum of the records' values
  kCountDistinct,  // the number of distinct things (a project funded twice is one project)
  kLast,           // per thing, its latest value in the period (a project's completed
                   // investment as of its latest progress snapshot), summed
  kRatio,          // numerator / denominator, both indicators, as a percent
};
const char* IndicatorAggregationName(IndicatorAggregation aggregation);

// A filter of a derivation: the record's field equals one of the values.
struct FieldIn {
  std::string field;
  std::vector<std::string> values;
};

// How an indicator is computed from the records of one kind.
struct Derivation {
  std::string kind;  // record kind key
  // The month a record counts in: the first non-empty of these date fields, else December of
  // the "year" field when the kind has one. A record with neither counts nowhere (a check
  // lists such records).
  std::vector<std::string> date_fields;
  // The summed (or last) value: an integer field; "" counts each record as 1.
  std::string value_field;
  // kCountDistinct / kLast: the field naming the thing ("id" for the record itself).
  std::string entity_field = "id";
  std::vector<FieldIn> where;  // every filter must hold
  // The breakdown option: an enum field of the kind, or "direction" computed from the east
  // and west regions below when the kind has no such field.
  std::string breakdown_field;
  // The regions the fact counts for. Each list is tried in order and the first region on the
  // right side (by its province, see RegionSide) is taken; "pairing" is the pairing's party on
  // that side.
  std::vector<std::string> west_regions = {"region_code", "pairing"};
  std::vector<std::string> east_regions = {"pairing"};
  // The east side counts the fact only when these hold (a placement is given by the paired
  // east only when it went there).
  std::vector<FieldIn> east_when;
};

// One indicator of the catalogue.
struct Indicator {
  std::string code;  // "placement_persons"
  std::string name_zh;
  std::string name_en;
  IndicatorUnit unit = IndicatorUnit::kCount;
  IndicatorAggregation aggregation = IndicatorAggregation::kSum;
  std::string area;       // the assessment area: "organisation", "talent", "funds", "industry",
                          // "labour", "consumption", "society"
  std::string breakdown;  // the option set of its breakdown ("destination_class"), or ""
  std::optional<Derivation> derivation;  // nullopt: entered only
  std::string numerator;                 // kRatio
  std::string denominator;               // kRatio
};

// The shipped catalogue, in display order. Thread-safe (immutable).
const std::vector<Indicator>& Indicators();
// nullptr when unknown.
const Indicator* FindIndicator(std::string_view code);
// The index of `code` in Indicators(), or -1.
int IndicatorIndex(std::string_view code);
// The options of an indicator's breakdown (EnumOptions of its set; "direction" for the
// computed direction); empty without a breakdown.
const std::vector<std::string>& BreakdownOptions(const Indicator& indicator);

// Which side of East–West cooperation a region is on, by its province, as the pairings stand
// since 2021: the eastern provinces and municipalities that give (北京 天津 上海 江苏 浙江 福建
// 山东 广东) and the western ones they are paired with (内蒙古 广西 重庆 四川 贵州 云南 陕西 甘肃
// 青海 宁夏). nullopt for any other province (西藏 and 新疆 receive 对口支援, another programme).
enum class CooperationSide { kEast, kWest };
std::optional<CooperationSide> RegionSide(std::string_view region_code);

// Checks the catalogue: unique codes, names, derivations naming real kinds, fields of the right
// types and enum values that exist, ratios naming indicators. Returns the problems, one per
// line ("" when there are none). Used by the tests and at start.
std::string CheckIndicators(const std::vector<Indicator>& indicators);

}  // namespace xiezuo::model
