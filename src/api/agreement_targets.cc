// The agreement targets that count for a region in a year (see agreement_targets.h).
#include "api/agreement_targets.h"

#include <algorithm>
#include <set>
#include <tuple>
#include <variant>

#include "api/app.h"
#include "model/region.h"

namespace xiezuo::api {
namespace {

Result<std::vector<CountedPairing>> CountedPairings(RequestContext& ctx, const std::string& region,
                                                    analytics::Side side) {
  ASSIGN_OR_RETURN(std::vector<PairingSummary> pairings, PairingsWithin(ctx, region));
  std::vector<CountedPairing> found;
  for (PairingSummary& p : pairings) {
    std::string party = side == analytics::Side::kEast ? p.east_region_code : p.west_region_code;
    if (party.empty() || !model::RegionWithin(party, region)) continue;
    found.push_back({p.id, std::move(p.name), std::move(p.level), std::move(p.east_region_code),
                     std::move(p.west_region_code), party});
  }
  std::set<std::string> parties;
  for (const CountedPairing& c : found) parties.insert(c.party);
  auto below_another = [&](const CountedPairing& c) {
    std::string up = c.party;
    while (up.size() > region.size() && model::LevelOfCode(up)) {
      up = model::ParentCode(up);
      if (up.size() >= region.size() && parties.contains(up)) return true;
    }
    return false;
  };
  std::erase_if(found, below_another);
  std::sort(found.begin(), found.end(), [](const CountedPairing& a, const CountedPairing& b) {
    return std::tie(a.party, a.id) < std::tie(b.party, b.id);
  });
  return found;
}

// The agreement targets of `year` of these pairings, by pairing id.
Result<std::map<int64_t, model::Record>> TargetsOf(RequestContext& ctx, const std::string& region,
                                                   int year,
                                                   const std::vector<CountedPairing>& pairings) {
  const model::RecordKind& kind = *model::FindKind("agreement_target");
  std::set<int64_t> wanted;
  for (const CountedPairing& c : pairings) wanted.insert(c.id);
  store::RecordFilter filter;
  filter.scope = ctx.principal().user.scope_region_code;
  filter.party_region = region;
  filter.equals.emplace_back("year", int64_t{year});
  std::map<int64_t, model::Record> out;
  if (wanted.empty()) return out;
  RETURN_IF_ERROR(ForEachListedRecord(ctx.store(), kind, filter, [&](model::Record& r) {
    int64_t pairing = r.Int(kind, "pairing_id", 0);
    if (wanted.contains(pairing)) out.emplace(pairing, std::move(r));
    return true;
  }));
  return out;
}

}  // namespace

std::optional<int64_t> AgreementTargets::Sum(std::string_view field) const {
  const model::RecordKind& kind = *model::FindKind("agreement_target");
  std::optional<int64_t> sum;
  for (const auto& [pairing, record] : targets) {
    if (const int64_t* n = std::get_if<int64_t>(&record.Get(kind, field))) {
      sum = sum.value_or(0) + *n;
    }
  }
  return sum;
}

Result<AgreementTargets> AgreementTargetsOf(RequestContext& ctx, const std::string& region,
                                            int year, analytics::Side side) {
  AgreementTargets out;
  ASSIGN_OR_RETURN(out.pairings, CountedPairings(ctx, region, side));
  ASSIGN_OR_RETURN(out.targets, TargetsOf(ctx, region, year, out.pairings));
  return out;
}

}  // namespace xiezuo::api
