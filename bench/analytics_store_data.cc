// Generates the analytics store benchmark's pairings and records from a fixed seed and writes
// them through the Store, counting the facts they derive.
#include "analytics_store_data.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <random>
#include <string_view>
#include <unordered_map>

#include "analytics/derive.h"
#include "analytics/engine.h"
#include "analytics_data.h"
#include "model/indicator.h"
#include "model/record.h"

namespace xiezuo::bench {
namespace {

using analytics::RegionIndex;
using model::Record;
using model::RecordKind;
using model::RegionLevel;

// Units per round: a round's records of each kind go to InsertRecords as one batch.
constexpr size_t kUnitsPerRound = 20'000;
constexpr int kMonths = (kLastYear - kFirstYear + 1) * 12;  // 2017-01 … 2024-12
constexpr size_t kNoProject = static_cast<size_t>(-1);

// A short list of names for the text fields: their length is what matters to the store.
constexpr std::array<std::string_view, 6> kEmployers = {
    "苏州工业园区电子有限公司", "南京新港机械制造有限公司", "常州武进纺织服装有限公司",
    "西安高新区物流有限公司",   "杭州余杭区食品有限公司",   "广州番禺区家具有限公司"};
constexpr std::array<std::string_view, 4> kPayers = {"江苏省财政厅", "南京市财政局", "苏州市财政局",
                                                     "无锡市财政局"};
constexpr std::array<std::string_view, 4> kDonors = {"江苏省慈善总会", "南京市红十字会",
                                                     "苏州某商会", "常州某企业"};

std::string Date(int month_index, int day) {
  char text[40];
  std::snprintf(text, sizeof text, "%04d-%02d-%02d", kFirstYear + month_index / 12,
                month_index % 12 + 1, day);
  return text;
}

int YearOf(int month_index) { return kFirstYear + month_index / 12; }

// Where a record lies: its own region and, for about 30 %, its county's pairing.
struct Place {
  std::string code;
  int64_t pairing_id = 0;
};

// The records of one round, by kind, before they are written. Children point at the round's
// projects by index until the projects have ids.
struct Round {
  std::vector<Record> projects;
  std::vector<Record> progress;
  std::vector<size_t> progress_parent;
  std::vector<Record> funds;
  std::vector<size_t> fund_parent;  // kNoProject for a fund without a project
  std::vector<Record> placements;
  std::vector<Record> donations;
  std::vector<Record> fairs;
  std::vector<Record> workshops;
  std::vector<Record> trainings;
};

// Draws the records from one std::mt19937_64 in a fixed order and writes them. Not
// thread-safe.
class Generator {
 public:
  Generator(store::Store& store, const RegionIndex& regions, StoreFillStats& stats)
      : store_(store),
        regions_(regions),
        deriver_(model::Indicators(), regions),
        stats_(stats),
        rng_(kAnalyticsStoreSeed) {
    for (const int32_t province : regions.Children(-1)) {
      const std::string& code = regions.node(province).code;
      if (model::RegionSide(code) != model::CooperationSide::kWest) continue;
      std::string_view east;
      for (const ProvincePair& pair : kProvincePairs) {
        if (pair.west == code) east = pair.east;
      }
      std::vector<int32_t> east_counties;
      const int32_t partner = east.empty() ? -1 : regions.Find(east);
      for (int32_t n = partner; partner >= 0 && n < regions.End(partner); ++n) {
        if (regions.node(n).level == RegionLevel::kCounty) east_counties.push_back(n);
      }
      for (int32_t n = province; n < regions.End(province); ++n) {
        switch (regions.node(n).level) {
          case RegionLevel::kCounty:
            west_[0].push_back(n);
            if (!east_counties.empty()) paired_counties_.emplace_back(n, east_counties);
            break;
          case RegionLevel::kTown:
            west_[1].push_back(n);
            break;
          case RegionLevel::kVillage:
            west_[2].push_back(n);
            break;
          default:
            break;
        }
      }
    }
    lookup_ = [this](int64_t id) -> const analytics::PairingParties* {
      auto it = parties_.find(id);
      return it == parties_.end() ? nullptr : &it->second;
    };
  }

  // One county-level pairing per western county with an eastern partner.
  Status WritePairings() {
    const RecordKind& kind = *model::FindKind("pairing");
    std::vector<Record> pairings;
    for (const auto& [county, east_counties] : paired_counties_) {
      const std::string& west = regions_.node(county).code;
      const std::string& east = regions_.node(east_counties[Below(east_counties.size())]).code;
      Record r(kind);
      r.Set(kind, "name", regions_.node(county).name + "县县结对");
      r.Set(kind, "level", std::string("county"));
      r.Set(kind, "region_code", west);
      r.Set(kind, "east_region_code", east);
      r.Set(kind, "west_region_code", west);
      const int signed_day = Day();  // drawn before the month, as data version 1 did
      const auto signed_month = static_cast<int>(Below(uint64_t{5} * 12));  // in 2017–2021
      r.Set(kind, "signed_date", Date(signed_month, signed_day));
      r.Set(kind, "status", std::string("active"));
      RETURN_IF_ERROR(Validate(kind, r));
      pairings.push_back(std::move(r));
    }
    RETURN_IF_ERROR(Write(kind, pairings));
    for (const Record& r : pairings) {
      parties_[r.id] = {r.Text(kind, "east_region_code"), r.Text(kind, "west_region_code")};
      pairing_of_county_[r.Text(kind, "west_region_code")] = r.id;
      stats_.facts += static_cast<int64_t>(deriver_.Facts(kind, r, lookup_).size());
    }
    return Status::Ok();
  }

  // Generates units until kUnitsPerRound or the target, and writes them.
  Status WriteRound(int64_t target_facts) {
    Round round;
    for (size_t u = 0; u < kUnitsPerRound && stats_.facts < target_facts; ++u) NextUnit(round);
    RETURN_IF_ERROR(Write(Kind("project"), round.projects));
    auto set_parents = [&](std::vector<Record>& children, const std::vector<size_t>& parent,
                           const RecordKind& kind, const char* field) {
      for (size_t i = 0; i < children.size(); ++i) {
        if (parent[i] != kNoProject) children[i].Set(kind, field, round.projects[parent[i]].id);
      }
    };
    set_parents(round.progress, round.progress_parent, Kind("project_progress"), "project_id");
    set_parents(round.funds, round.fund_parent, Kind("fund"), "project_id");
    RETURN_IF_ERROR(Write(Kind("project_progress"), round.progress));
    RETURN_IF_ERROR(Write(Kind("fund"), round.funds));
    RETURN_IF_ERROR(Write(Kind("placement"), round.placements));
    RETURN_IF_ERROR(Write(Kind("donation"), round.donations));
    RETURN_IF_ERROR(Write(Kind("recruitment_fair"), round.fairs));
    RETURN_IF_ERROR(Write(Kind("workshop"), round.workshops));
    return Write(Kind("labour_training"), round.trainings);
  }

 private:
  static const RecordKind& Kind(std::string_view key) { return *model::FindKind(key); }

  uint64_t Below(uint64_t n) { return rng_() % n; }
  int64_t Between(int64_t lo, int64_t hi) {
    return lo + static_cast<int64_t>(Below(static_cast<uint64_t>(hi - lo + 1)));
  }
  int Day() { return 1 + static_cast<int>(Below(28)); }

  Place PickPlace() {
    const uint64_t level_roll = Below(10);
    const std::vector<int32_t>& from = west_[level_roll < 2 ? 0 : level_roll < 5 ? 1 : 2];
    Place place;
    place.code = regions_.node(from[Below(from.size())]).code;
    auto pairing = pairing_of_county_.find(place.code.substr(0, 6));
    if (pairing != pairing_of_county_.end() && Below(10) < 3) place.pairing_id = pairing->second;
    return place;
  }

  // A new record of `kind` at `place`.
  static Record At(const RecordKind& kind, const Place& place) {
    Record r(kind);
    r.Set(kind, "region_code", place.code);
    if (place.pairing_id > 0) r.Set(kind, "pairing_id", place.pairing_id);
    return r;
  }

  // model::ValidateRecord, which InsertRecords requires (and which may normalise `r`).
  static Status Validate(const RecordKind& kind, Record& r) {
    std::vector<model::FieldIssue> issues = model::ValidateRecord(kind, r);
    if (issues.empty()) return Status::Ok();
    return Internal("generated " + kind.key + " is invalid: " + model::IssueText(issues[0]));
  }

  // Checks the record as the import would and counts its facts. A record whose facts need an
  // id it does not have yet (a project's own, a child's parent) counts with a stand-in: only
  // "is there one" matters to the count.
  Status Add(const RecordKind& kind, Record r, std::vector<Record>& into) {
    RETURN_IF_ERROR(Validate(kind, r));
    r.id = 1;
    stats_.facts += static_cast<int64_t>(deriver_.Facts(kind, r, lookup_).size());
    r.id = 0;
    into.push_back(std::move(r));
    return Status::Ok();
  }

  void NextUnit(Round& round) {
    const Place place = PickPlace();
    const int month = static_cast<int>(Below(kMonths));
    const uint64_t kind_roll = Below(100);
    Status added;
    if (kind_roll < 40) {
      added = Add(Kind("placement"), Placement(place, month), round.placements);
    } else if (kind_roll < 55) {
      added = AddProject(round, place, month);
    } else if (kind_roll < 65) {
      added = Add(Kind("fund"), Fund(place, month, 0), round.funds);
      round.fund_parent.push_back(kNoProject);
    } else if (kind_roll < 75) {
      added = Add(Kind("donation"), Donation(place, month), round.donations);
    } else if (kind_roll < 83) {
      added = Add(Kind("recruitment_fair"), Fair(place, month), round.fairs);
    } else if (kind_roll < 91) {
      added = Add(Kind("workshop"), Workshop(place, month), round.workshops);
    } else {
      added = Add(Kind("labour_training"), Training(place, month), round.trainings);
    }
    if (!added.ok() && error_.ok()) error_ = added;
  }

  Record Placement(const Place& place, int month) {
    const RecordKind& kind = Kind("placement");
    Record r = At(kind, place);
    const bool named = Below(10) < 7;
    const int64_t persons = named ? 1 : Between(2, 30);
    if (named) r.Set(kind, "worker_ref", "务工人员" + std::to_string(++serial_));
    static constexpr std::array<const char*, 3> kElsewhere = {"home_province", "other_province",
                                                              "local_workshop"};
    r.Set(kind, "destination_class",
          std::string(place.pairing_id > 0 ? "paired_east" : kElsewhere[Below(3)]));
    r.Set(kind, "employer", std::string(kEmployers[Below(kEmployers.size())]));
    r.Set(kind, "start_date", Date(month, Day()));
    if (Below(100) < 15) {
      r.Set(kind, "end_date",
            Date(std::min(kMonths - 1, month + static_cast<int>(Between(1, 24))), 28));
    }
    const int64_t wage_yuan = Between(2'800, 9'000);
    r.Set(kind, "monthly_wage_fen", wage_yuan * 100 + static_cast<int64_t>(Below(100)));
    const bool poor = named && Below(3) == 0;
    r.Set(kind, "poverty_alleviated", int64_t{poor ? 1 : 0});
    r.Set(kind, "persons", persons);
    r.Set(kind, "poverty_persons", named ? int64_t{poor ? 1 : 0} : Between(0, persons));
    return r;
  }

  Status AddProject(Round& round, const Place& place, int month) {
    const RecordKind& kind = Kind("project");
    Record r = At(kind, place);
    const int year = YearOf(month);
    const auto& categories = model::EnumOptions("project_category");
    const auto& statuses = model::EnumOptions("project_status");
    char code[40];
    std::snprintf(code, sizeof code, "XZB%08lld", static_cast<long long>(++projects_));
    r.Set(kind, "code", std::string(code));
    r.Set(kind, "name", "协作产业项目" + std::to_string(projects_));
    r.Set(kind, "category", categories[Below(categories.size())]);
    r.Set(kind, "year", int64_t{year});
    r.Set(kind, "status", statuses[Below(statuses.size())]);
    r.Set(kind, "planned_start", Date(month, Day()));
    r.Set(kind, "planned_end", Date(month + 12, 28));
    const int64_t total = Between(10, 5'000) * 1'000'000;  // 10万 to 5,000万 元, in fen
    const int64_t coop = total * Between(10, 60) / 100;
    r.Set(kind, "total_investment_fen", total);
    r.Set(kind, "coop_funds_fen", coop);
    r.Set(kind, "other_funds_fen", total - coop);
    const int64_t households = Between(0, 500);
    const int64_t persons = households * Between(2, 4);
    r.Set(kind, "households", households);
    r.Set(kind, "persons", persons);
    r.Set(kind, "poverty_persons", Between(0, persons));
    const size_t parent = round.projects.size();
    RETURN_IF_ERROR(Add(kind, std::move(r), round.projects));

    // Progress snapshots in later months, the completed investment growing.
    const RecordKind& progress = Kind("project_progress");
    const auto snapshots = static_cast<int>(Below(4));
    int at = month;
    int64_t completed = 0;
    for (int s = 0; s < snapshots; ++s) {
      at += static_cast<int>(Between(1, 6));
      if (at >= kMonths) break;
      completed += (total - completed) * Between(20, 60) / 100;
      Record p(progress);
      p.Set(progress, "project_id", int64_t{1});   // the project's id once it has one
      p.Set(progress, "region_code", place.code);  // the store copies these from the project
      if (place.pairing_id > 0) p.Set(progress, "pairing_id", place.pairing_id);
      p.Set(progress, "date", Date(at, 28));
      p.Set(progress, "completed_fen", completed);
      p.Set(progress, "percent", completed * 10'000 / total);
      RETURN_IF_ERROR(Add(progress, std::move(p), round.progress));
      round.progress_parent.push_back(parent);
    }
    // Funds paid into the project in its year.
    const auto funds = static_cast<int>(Below(3));
    for (int f = 0; f < funds; ++f) {
      const int fund_month = (year - kFirstYear) * 12 + static_cast<int>(Below(12));
      RETURN_IF_ERROR(Add(Kind("fund"), Fund(place, fund_month, coop), round.funds));
      round.fund_parent.push_back(parent);
    }
    return Status::Ok();
  }

  // A fund flow; `project_coop` > 0 for one paid into a project (of that much cooperation
  // money), which points at the project.
  Record Fund(const Place& place, int month, int64_t project_coop) {
    const RecordKind& kind = Kind("fund");
    Record r = At(kind, place);
    static constexpr std::array<const char*, 4> kTypes = {"allocation", "disbursement",
                                                          "expenditure", "commitment"};
    const auto& levels = model::EnumOptions("source_level");
    r.Set(kind, "year", int64_t{YearOf(month)});
    r.Set(kind, "type", std::string(kTypes[Below(kTypes.size())]));
    r.Set(kind, "source_level", levels[Below(levels.size())]);
    r.Set(kind, "payer", std::string(kPayers[Below(kPayers.size())]));
    if (project_coop > 0) r.Set(kind, "project_id", int64_t{1});  // the project's id, later
    const int64_t amount =
        project_coop > 0 ? project_coop * Between(20, 100) / 100 : Between(1, 2'000) * 1'000'000;
    r.Set(kind, "amount_fen", std::max<int64_t>(amount, 100));
    r.Set(kind, "date", Date(month, Day()));
    return r;
  }

  Record Donation(const Place& place, int month) {
    const RecordKind& kind = Kind("donation");
    Record r = At(kind, place);
    r.Set(kind, "donor", std::string(kDonors[Below(kDonors.size())]));
    r.Set(kind, "money_fen", Between(1, 500) * 100'000);
    r.Set(kind, "goods_fen", Between(0, 200) * 100'000);
    r.Set(kind, "beneficiaries", Between(1, 300));
    r.Set(kind, "date", Date(month, Day()));
    return r;
  }

  Record Fair(const Place& place, int month) {
    const RecordKind& kind = Kind("recruitment_fair");
    Record r = At(kind, place);
    r.Set(kind, "date", Date(month, Day()));
    r.Set(kind, "title", "东西部协作专场招聘会" + std::to_string(++serial_));
    r.Set(kind, "fairs", int64_t{1});
    const int64_t posts = Between(50, 2'000);
    const int64_t hires = Between(0, posts / 4);
    r.Set(kind, "firms", Between(5, 80));
    r.Set(kind, "posts", posts);
    r.Set(kind, "attendees", Between(100, 3'000));
    r.Set(kind, "intents", Between(hires, hires * 2 + 10));
    r.Set(kind, "hires", hires);
    r.Set(kind, "stable_hires", Between(0, hires));
    return r;
  }

  Record Workshop(const Place& place, int month) {
    const RecordKind& kind = Kind("workshop");
    Record r = At(kind, place);
    const auto& kinds = model::EnumOptions("workshop_kind");
    r.Set(kind, "name", "帮扶车间" + std::to_string(++serial_));
    r.Set(kind, "kind", kinds[Below(kinds.size())]);
    r.Set(kind, "enterprise", std::string(kEmployers[Below(kEmployers.size())]));
    r.Set(kind, "count", int64_t{1});
    const int64_t jobs = Between(5, 200);
    r.Set(kind, "jobs", jobs);
    r.Set(kind, "poverty_workers", Between(0, jobs));
    r.Set(kind, "established_date", Date(month, Day()));
    return r;
  }

  Record Training(const Place& place, int month) {
    const RecordKind& kind = Kind("labour_training");
    Record r = At(kind, place);
    const int day = Day();
    r.Set(kind, "title", "劳务技能培训班" + std::to_string(++serial_));
    r.Set(kind, "start_date", Date(month, day));
    r.Set(kind, "end_date", Date(month, std::min(28, day + static_cast<int>(Below(10)))));
    r.Set(kind, "sessions", Between(1, 4));
    const int64_t participants = Between(10, 200);
    r.Set(kind, "participants", participants);
    r.Set(kind, "certified", Between(0, participants));
    r.Set(kind, "employed", Between(0, participants));
    return r;
  }

  // Inserts `records` (all valid) in one transaction, audited as one import row; sets their
  // ids.
  Status Write(const RecordKind& kind, std::vector<Record>& records) {
    RETURN_IF_ERROR(error_);
    if (records.empty()) return Status::Ok();
    store::InsertOptions options;
    options.batch_source = kAnalyticsStoreVersion;
    std::vector<store::RowIssue> issues;
    auto ids = store_.InsertRecords(kind, records, kActor, options, &issues);
    if (!ids.ok()) {
      std::string why = ids.status().message();
      if (!issues.empty()) {
        why += " (first: row " + std::to_string(issues[0].index) + ", " +
               model::IssueText(issues[0].issue) + ")";
      }
      return Internal("cannot insert " + kind.key + ": " + why);
    }
    stats_.records[kind.key] += static_cast<int64_t>(records.size());
    stats_.total_records += static_cast<int64_t>(records.size());
    return Status::Ok();
  }

  inline static const store::Actor kActor{0, "bench", ""};

  store::Store& store_;
  const RegionIndex& regions_;
  analytics::Deriver deriver_;
  StoreFillStats& stats_;
  std::mt19937_64 rng_;
  std::vector<int32_t> west_[3];  // western regions by level: county, town, village
  // Western counties whose province has a partner, with the partner's counties.
  std::vector<std::pair<int32_t, std::vector<int32_t>>> paired_counties_;
  std::unordered_map<std::string, int64_t> pairing_of_county_;
  std::unordered_map<int64_t, analytics::PairingParties> parties_;
  analytics::PairingLookup lookup_;
  int64_t projects_ = 0;
  int64_t serial_ = 0;
  Status error_;
};

}  // namespace

Result<StoreFillStats> FillAnalyticsStore(
    store::Store& store, const std::vector<model::Region>& regions, int64_t target_facts,
    const std::function<void(const StoreFillStats&)>& progress) {
  const auto start = std::chrono::steady_clock::now();
  auto elapsed = [&] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  };
  StoreFillStats stats;
  ASSIGN_OR_RETURN(std::shared_ptr<const RegionIndex> index, RegionIndex::Build(regions));
  RETURN_IF_ERROR(store.UpsertRegions(regions, nullptr));
  stats.regions = static_cast<int64_t>(regions.size());
  stats.seconds = elapsed();
  if (progress) progress(stats);

  Generator generator(store, *index, stats);
  RETURN_IF_ERROR(generator.WritePairings());
  while (stats.facts < target_facts) {
    RETURN_IF_ERROR(generator.WriteRound(target_facts));
    stats.seconds = elapsed();
    if (progress) progress(stats);
  }
  return stats;
}

}  // namespace xiezuo::bench
