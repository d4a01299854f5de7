// A report input with seed article 000's figures (丹凤县, 2021): for tests of the prose and of
// the .docx. For tests only.
#pragma once

#include "report/annual_report.h"

namespace xiezuo::report::testing {

inline ReportInput DanfengSeedInput() {
  using model::IndicatorUnit;
  constexpr int64_t kWan = 1'000'000;
  ReportInput in;
  in.region_name = "丹凤县";
  in.period_label = "2021年";
  in.partners = "南京市雨花台区";
  ReportFigure funds{"fund_disbursement",
                     "拨付协作资金",
                     IndicatorUnit::kYuan,
                     9806 * kWan,
                     std::nullopt,
                     std::nullopt,
                     {{"省级", 9476 * kWan}, {"市级", 0}, {"县级", 0}, {"镇级", 330 * kWan}}};
  ReportFigure projects{"projects", "协作项目", IndicatorUnit::kCount, 24, 20, std::nullopt, {}};
  ReportFigure placed{"placement_persons",
                      "转移就业",
                      IndicatorUnit::kPerson,
                      549,
                      488,
                      500,
                      {{"赴结对东部地区", 284}, {"省内其他地区", 214}, {"其他省份", 51}}};
  ReportFigure missing{"fairs", "招聘会场次", IndicatorUnit::kCount, std::nullopt, 3, std::nullopt,
                       {}};
  in.areas = {{"funds", "资金使用", {funds}},
              {"industry", "产业合作", {projects}},
              {"labour", "劳务协作", {placed, missing}},
              {"society", "携手奔小康", {missing}}};
  in.practices = {{"task.1", "建立县级领导包抓协作项目机制"}};
  in.problems = {{"gap.fairs", "招聘会场次尚无统计数据"}};
  return in;
}

}  // namespace xiezuo::report::testing
