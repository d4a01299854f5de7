// Assessment scores (考核得分) as the API computes them: the template of a year and side (the
// shipped one until an administrator stores a version), and peer regions scored live from the
// year's and last year's figures, the agreement targets and the manual points of approved
// self-evaluations (考核自评). Shared by the scores routes and the self-evaluation page.
#pragma once

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "api/analytics_service.h"
#include "api/app.h"
#include "report/assessment.h"
#include "store/store.h"

namespace xiezuo::api {

// Errors: kInvalidArgument naming `year` (2000–2099).
Result<int> YearOf(const std::string& text);
// "east" or "west". Errors: kInvalidArgument naming `side`.
Result<model::CooperationSide> SideOf(const std::string& side);

// A template and where it came from.
struct FoundTemplate {
  report::AssessmentTemplate t;
  bool shipped = false;  // no stored version: the shipped template (version 0)
  std::vector<store::AssessmentTemplateVersion> versions;
};

// The template for `year` and `side`: stored version `version` (the latest when 0), or the
// shipped one when none is stored. Errors: kNotFound for a version that is not stored;
// kInternal for a stored body that no longer reads (a catalogue change).
Result<FoundTemplate> TemplateOf(store::Store& store, int year, const std::string& side,
                                 int version);

struct ScoreRun {
  FoundTemplate found;
  int year = 0;
  std::string side;
  std::string region;  // whose children are the peers ("" with a chosen group)
  std::vector<std::string> peers;
  std::map<std::string, std::string> names;
  std::vector<report::RegionScore> scores;  // ranked first, then by code
};

// Scores `peers` (known regions, already checked against the caller's scope) together for
// `year` with version `version` of the template of `side` ("" = the side of `region`, or of the
// first peer). A manual item has points only from an approved self-evaluation.
Result<ScoreRun> ScorePeers(RequestContext& ctx, const AnalyticsService& service, int year,
                            std::string side, int version, std::vector<std::string> peers,
                            std::string region);

// Points in hundredths as a number of points ("7.5"): exact, as the office reads it.
std::string PointsText(int64_t hundredths);

// One region's score as the API answers it: points, grade, rank and each item's value, target,
// ratio, points and why it is missing.
nlohmann::json RegionScoreJson(const ScoreRun& run, const report::RegionScore& s, bool english);

}  // namespace xiezuo::api
