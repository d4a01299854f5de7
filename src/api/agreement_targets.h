// The agreement targets (年度帮扶协议, kind "agreement_target") that count for a region in a
// year: its pairings on one side, counted once across levels, and the sum of each target field.
// Shared by /analytics/targets and the assessment scores.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analytics/engine.h"
#include "api/router.h"
#include "model/record.h"

namespace xiezuo::api {

// A pairing whose agreement targets count for the asked region.
struct CountedPairing {
  int64_t id = 0;
  std::string name;
  std::string level;
  std::string east_region_code;
  std::string west_region_code;
  std::string party;  // its party on the asked side
};

struct AgreementTargets {
  // The live pairings whose targets count for the region on the side: those whose main party
  // on that side (east_region_code or west_region_code; 1+X extras do not carry a pairing's
  // targets) is the region itself; when it is party of none, the topmost ones in each branch of
  // its subtree — a pairing counts unless a region above its party (and within the region) is
  // the party of another, so a city pairing and its counties' pairings are not added up twice,
  // and a branch with only county pairings still counts them. Ordered by party, then id.
  std::vector<CountedPairing> pairings;
  std::map<int64_t, model::Record> targets;  // the year's target record, by pairing id

  // The sum of `field` (funds_fen, labour_transfers…) over the targets; nullopt when none of
  // them sets it.
  std::optional<int64_t> Sum(std::string_view field) const;
};

// The agreement targets of `year` for `region` on `side`, within the caller's scope.
// Errors: the store's.
Result<AgreementTargets> AgreementTargetsOf(RequestContext& ctx, const std::string& region,
                                            int year, analytics::Side side);

}  // namespace xiezuo::api
