// The catalogue of cooperation record kinds, from the figures in the seed articles
// (../shared/DOMAIN.md). Labels live in the i18n files (src/api/i18n), not here.
#include <algorithm>
#include <map>

#include "model/record.h"

namespace xiezuo::model {
namespace {

using FT = FieldType;
using FM = FilterMode;

const std::map<std::string, std::vector<std::string>, std::less<>>& OptionSets() {
  static const std::map<std::string, std::vector<std::string>, std::less<>> kSets = {
      {"pairing_level",
       {"province", "city", "county", "town", "village", "school", "hospital", "enterprise_village",
        "social_org"}},
      {"pairing_status", {"active", "suspended", "ended"}},
      {"task_status", {"not_started", "in_progress", "done", "cancelled"}},
      {"meeting_kind", {"joint_meeting", "delegation", "study_visit"}},
      {"leader_level", {"province", "city", "county", "town", "other"}},
      {"direction", {"east_to_west", "west_to_east"}},
      {"fund_type", {"commitment", "allocation", "disbursement", "expenditure"}},
      {"source_level", {"provincial", "city", "county", "town", "social"}},
      {"project_category",
       {"industry", "infrastructure", "education", "health", "labour", "consumption",
        "culture_tourism", "other"}},
      {"project_status",
       {"candidate", "approved", "under_construction", "completed", "accepted", "cancelled"}},
      {"benefit_mechanism", {"wages", "land_rent", "dividends", "other"}},
      {"destination_class", {"paired_east", "home_province", "other_province", "local_workshop"}},
      {"workshop_kind", {"community_factory", "support_workshop"}},
      {"sale_channel", {"platform_832", "counter", "ecommerce", "purchase", "other"}},
      {"professional_kind", {"teacher", "doctor", "agronomist", "engineer", "other"}},
      {"talent_kind", {"cadre", "professional"}},
  };
  return kSets;
}

// Field builders, so the catalogue reads as a table.
FieldDef Text(std::string key, int max_len, bool required = false, FM filter = FM::kNone) {
  return {.key = std::move(key),
          .type = FT::kText,
          .required = required,
          .max_len = max_len,
          .filter = filter};
}
FieldDef Note(std::string key = "note") {
  return {.key = std::move(key), .type = FT::kTextArea, .max_len = 2000, .list = false};
}
FieldDef Count(std::string key, bool total = true) {
  return {
      .key = std::move(key), .type = FT::kInt, .filter = FM::kRange, .sort = true, .total = total};
}
FieldDef Money(std::string key, bool required = false) {
  return {.key = std::move(key),
          .type = FT::kMoney,
          .required = required,
          .filter = FM::kRange,
          .sort = true,
          .total = true};
}
FieldDef Date(std::string key, bool required = false) {
  return {.key = std::move(key),
          .type = FT::kDate,
          .required = required,
          .filter = FM::kRange,
          .sort = true};
}
FieldDef Year(bool required = true) {
  return {
      .key = "year", .type = FT::kYear, .required = required, .filter = FM::kExact, .sort = true};
}
FieldDef Enum(std::string key, std::string set, bool required = true, std::string fallback = "") {
  return {.key = std::move(key),
          .type = FT::kEnum,
          .required = required,
          .options = std::move(set),
          .filter = FM::kExact,
          .fallback_text = std::move(fallback)};
}
// The record's own region ("region_code", filtered as a subtree by the list) or another one.
FieldDef Region(std::string key = "region_code", bool required = true) {
  FM filter = key == "region_code" ? FM::kNone : FM::kExact;
  return {.key = std::move(key),
          .type = FT::kRegion,
          .required = required,
          .max_len = 12,
          .filter = filter};
}
FieldDef Pairing() {
  return {.key = "pairing_id", .type = FT::kRef, .ref = "pairing", .filter = FM::kExact};
}
FieldDef Ref(std::string key, std::string kind, bool required = false) {
  return {.key = std::move(key),
          .type = FT::kRef,
          .required = required,
          .ref = std::move(kind),
          .filter = FM::kExact};
}
FieldDef Parent(std::string key, std::string kind) {
  return {.key = std::move(key),
          .type = FT::kRef,
          .required = true,
          .ref = std::move(kind),
          .filter = FM::kExact,
          .list = false};
}
FieldDef Institution(std::string key) {
  return {.key = std::move(key), .type = FT::kInstitution, .filter = FM::kExact, .list = false};
}
FieldDef Personal(std::string key) {
  return {.key = std::move(key), .type = FT::kText, .max_len = 50, .personal = true};
}
FieldDef Persons(std::string key = "persons") {
  FieldDef f = Count(std::move(key));
  f.fallback = 1;
  return f;
}
// A child's copy of its parent's region and pairing: kept for scope and roll-ups.
FieldDef DerivedRegion() {
  return {.key = "region_code", .type = FT::kRegion, .max_len = 12, .list = false, .derived = true};
}
FieldDef DerivedPairing() {
  return {.key = "pairing_id", .type = FT::kRef, .ref = "pairing", .list = false, .derived = true};
}

PairRule NotBefore(std::string later, std::string earlier) {
  return {PairRule::Kind::kNotBefore, std::move(later), std::move(earlier)};
}
PairRule NotMore(std::string part, std::string whole) {
  return {PairRule::Kind::kNotMore, std::move(part), std::move(whole)};
}

// A named person stands for one person: persons must then be 1.
RecordCheck OnePersonWhenNamed(const std::string& name_field) {
  return [name_field](const RecordKind& kind, Record& r, std::vector<FieldIssue>& issues) {
    if (!r.Text(kind, name_field).empty() && r.Int(kind, "persons", 1) != 1) {
      issues.push_back({"persons", "must_be_one", name_field});
    }
  };
}

// A pairing's owner region must be one of its two main parties.
void CheckPairing(const RecordKind& kind, Record& r, std::vector<FieldIssue>& issues) {
  std::string owner = r.Text(kind, "region_code");
  if (owner != r.Text(kind, "east_region_code") && owner != r.Text(kind, "west_region_code")) {
    issues.push_back({"region_code", "not_a_party", ""});
  }
}

// An individual placement's flag and its counts agree; a named worker is one person.
void CheckPlacement(const RecordKind& kind, Record& r, std::vector<FieldIssue>& issues) {
  OnePersonWhenNamed("worker_ref")(kind, r, issues);
  if (!issues.empty()) return;
  if (r.Int(kind, "persons", 1) == 1 && r.Int(kind, "poverty_alleviated", 0) == 1) {
    r.Set(kind, "poverty_persons", int64_t{1});
  }
  if (r.Int(kind, "poverty_persons", 0) > 0 && r.Int(kind, "persons", 1) == 1) {
    r.Set(kind, "poverty_alleviated", int64_t{1});
  }
}

// A project moves forward through its lifecycle, or is cancelled; it never goes back.
void CheckProjectLifecycle(const RecordKind& kind, const Record& before, const Record& after,
                           std::vector<FieldIssue>& issues) {
  const auto& order = OptionSets().find("project_status")->second;
  std::string from = before.Text(kind, "status");
  std::string to = after.Text(kind, "status");
  if (from == to || to == "cancelled") return;
  auto pos = [&](const std::string& s) { return std::find(order.begin(), order.end(), s); };
  if (from == "cancelled" || pos(to) < pos(from)) {
    issues.push_back({"status", "bad_transition", from});
  }
}

std::vector<RecordKind> MakeKinds() {
  std::vector<RecordKind> kinds;

  // 结对: an east and a west party (regions or institutions), 1+X extras on either side.
  kinds.push_back(
      {.key = "pairing",
       .group = "pairing",
       .title_field = "name",
       .has_pairing = true,
       .fields = {Text("name", 100, true, FM::kContains),
                  Enum("level", "pairing_level"),
                  Region(),
                  Region("east_region_code"),
                  Institution("east_institution_id"),
                  {.key = "east_extra", .type = FT::kRegionList, .max_len = 2000, .list = false},
                  Region("west_region_code"),
                  Institution("west_institution_id"),
                  {.key = "west_extra", .type = FT::kRegionList, .max_len = 2000, .list = false},
                  Date("signed_date"),
                  Date("end_date"),
                  Enum("status", "pairing_status", true, "active"),
                  Text("agreement_ref", 100, false, FM::kContains),
                  Note()},
       .rules = {NotBefore("end_date", "signed_date")},
       .check = CheckPairing});
  // 年度帮扶协议: per pairing and year, the targets progress is measured against.
  kinds.push_back(
      {.key = "agreement_target",
       .group = "pairing",
       .title_field = "year",
       .parent = "pairing",
       .parent_field = "pairing_id",
       .has_pairing = true,
       .fields = {Parent("pairing_id", "pairing"), DerivedRegion(), Year(), Money("funds_fen"),
                  Count("cadres"), Count("professionals"), Count("labour_transfers"),
                  Money("consumption_fen"), Count("enterprises"), Money("investment_fen"),
                  Count("trained_persons"), Note()},
       .unique_keys = {{"pairing_id", "year"}}});
  // 工作要点: one plan per region and year, broken into tasks.
  kinds.push_back(
      {.key = "plan",
       .group = "plan",
       .title_field = "title",
       .fields = {Region(), Year(), Text("title", 200, true, FM::kContains), Note("summary")},
       .unique_keys = {{"region_code", "year"}}});
  // 清单式交办: a task with an owner, a target and a deadline; overdue ones are flagged.
  kinds.push_back({.key = "plan_task",
                   .group = "plan",
                   .title_field = "title",
                   .parent = "plan",
                   .parent_field = "plan_id",
                   .fields = {Parent("plan_id", "plan"),
                              DerivedRegion(),
                              Text("title", 200, true, FM::kContains),
                              Text("owner", 100, true, FM::kContains),
                              Institution("owner_institution_id"),
                              {.key = "target", .type = FT::kTextArea, .max_len = 1000},
                              Date("deadline", true),
                              Enum("status", "task_status", true, "not_started"),
                              Date("completed_date"),
                              Note("progress")},
                   .flag = "overdue"});
  // 联席会议 / 互访: meetings and visits, in batches and persons.
  kinds.push_back({.key = "meeting",
                   .group = "meeting",
                   .title_field = "title",
                   .has_pairing = true,
                   .fields = {Region(), Pairing(), Date("date", true), Enum("kind", "meeting_kind"),
                              Text("title", 200, true, FM::kContains), Region("from_region_code"),
                              Region("to_region_code"), Enum("leader_level", "leader_level", false),
                              Persons("batches"), Count("persons"), Note("decisions")}});
  // 协作资金: typed money flows (IATI: commitment, allocation, disbursement, expenditure).
  kinds.push_back(
      {.key = "fund",
       .group = "fund",
       .title_field = "payer",
       .has_pairing = true,
       .fields = {Year(), Enum("type", "fund_type"), Enum("source_level", "source_level"),
                  Text("payer", 100, true, FM::kContains), Region(), Pairing(),
                  Ref("project_id", "project"), Money("amount_fen", true), Date("date", true),
                  Note()}});
  // 协作项目: identity, lifecycle, money, beneficiaries.
  kinds.push_back(
      {.key = "project",
       .group = "project",
       .title_field = "name",
       .has_pairing = true,
       .fields = {{.key = "code",
                   .type = FT::kText,
                   .required = true,
                   .max_len = 40,
                   .filter = FM::kContains,
                   .sort = true},
                  Text("name", 200, true, FM::kContains),
                  Enum("category", "project_category"),
                  Year(false),
                  Region(),
                  Pairing(),
                  Enum("status", "project_status", true, "candidate"),
                  Date("planned_start"),
                  Date("planned_end"),
                  Date("actual_start"),
                  Date("actual_end"),
                  Money("total_investment_fen"),
                  Money("coop_funds_fen"),
                  Money("other_funds_fen"),
                  Count("households"),
                  Count("persons"),
                  Count("poverty_persons"),
                  Note()},
       .rules = {NotBefore("planned_end", "planned_start"), NotBefore("actual_end", "actual_start"),
                 NotMore("poverty_persons", "persons")},
       .unique_keys = {{"code"}},
       .check_update = CheckProjectLifecycle});
  // Progress snapshots of a project over time.
  kinds.push_back({.key = "project_progress",
                   .group = "project",
                   .title_field = "date",
                   .parent = "project",
                   .parent_field = "project_id",
                   .has_pairing = true,
                   .fields = {Parent("project_id", "project"),
                              DerivedRegion(),
                              DerivedPairing(),
                              Date("date", true),
                              Money("completed_fen"),
                              {.key = "percent",
                               .type = FT::kPercent,
                               .required = true,
                               .filter = FM::kRange,
                               .sort = true},
                              Note()},
                   .unique_keys = {{"project_id", "date"}}});
  // 利益联结: how a project's benefit reaches people (wages, land rent, dividends).
  kinds.push_back({.key = "project_benefit",
                   .group = "project",
                   .title_field = "mechanism",
                   .parent = "project",
                   .parent_field = "project_id",
                   .has_pairing = true,
                   .fields = {Parent("project_id", "project"), DerivedRegion(), DerivedPairing(),
                              Enum("mechanism", "benefit_mechanism"), Year(false),
                              Money("amount_fen", true), Count("beneficiaries"), Note()}});
  // 招商引资: eastern enterprises landing in the west, and co-built parks.
  kinds.push_back(
      {.key = "investment",
       .group = "investment",
       .title_field = "enterprise_name",
       .has_pairing = true,
       .fields = {Text("enterprise_name", 200, true, FM::kContains),
                  {.key = "credit_code", .type = FT::kCreditCode, .max_len = 18, .list = false},
                  Region("origin_region_code"),
                  Region(),
                  Pairing(),
                  Institution("park_institution_id"),
                  Text("park", 100, false, FM::kContains),
                  Text("industry", 100),
                  Persons("firms"),
                  Money("committed_fen"),
                  Money("actual_fen"),
                  Date("landed_date"),
                  Count("jobs"),
                  Note()}});
  // 劳务输出: placements of workers, one person or a count where names are not recorded.
  kinds.push_back(
      {.key = "placement",
       .group = "labour",
       .title_field = "employer",
       .has_pairing = true,
       .fields =
           {Region(),
            Pairing(),
            Personal("worker_ref"),
            Enum("destination_class", "destination_class"),
            Region("destination_region_code", false),
            Text("employer", 200, false, FM::kContains),
            Date("start_date"),
            Date("end_date"),
            Money("monthly_wage_fen"),
            {.key = "poverty_alleviated", .type = FT::kBool, .filter = FM::kExact, .fallback = 0},
            Persons(),
            Count("poverty_persons"),
            Note()},
       .rules = {NotBefore("end_date", "start_date"), NotMore("poverty_persons", "persons")},
       .check = CheckPlacement});
  // 技能培训: training courses for workers.
  kinds.push_back(
      {.key = "labour_training",
       .group = "labour",
       .title_field = "title",
       .has_pairing = true,
       .fields = {Region(), Pairing(), Text("title", 200, true, FM::kContains), Date("start_date"),
                  Date("end_date"), Persons("sessions"), Count("participants"), Count("certified"),
                  Count("employed"), Note()},
       .rules = {NotBefore("end_date", "start_date"), NotMore("certified", "participants"),
                 NotMore("employed", "participants")}});
  // 招聘会: recruitment fairs.
  kinds.push_back(
      {.key = "recruitment_fair",
       .group = "labour",
       .title_field = "title",
       .has_pairing = true,
       .fields = {Region(), Pairing(), Date("date"), Text("title", 200, true, FM::kContains),
                  Persons("fairs"), Count("firms"), Count("posts"), Count("attendees"),
                  Count("intents"), Count("hires"), Count("stable_hires"), Note()},
       .rules = {NotMore("stable_hires", "hires")}});
  // 社区工厂 / 帮扶车间: workshops near resettlement sites.
  kinds.push_back(
      {.key = "workshop",
       .group = "labour",
       .title_field = "name",
       .has_pairing = true,
       .fields = {Region(), Pairing(), Text("name", 200, true, FM::kContains),
                  Enum("kind", "workshop_kind", true, "community_factory"),
                  Text("enterprise", 200, false, FM::kContains), Persons("count"), Count("jobs"),
                  Count("poverty_workers"), Date("established_date"), Note()},
       .rules = {NotMore("poverty_workers", "jobs")}});
  // 扶贫产品认定: certified products.
  kinds.push_back({.key = "certified_product",
                   .group = "consumption",
                   .title_field = "name",
                   .fields = {Text("name", 200, true, FM::kContains),
                              Text("producer", 200, true, FM::kContains),
                              Region(),
                              {.key = "certificate_no",
                               .type = FT::kText,
                               .required = true,
                               .max_len = 64,
                               .filter = FM::kContains,
                               .sort = true},
                              Text("category", 100),
                              Date("valid_from"),
                              Date("valid_to"),
                              Note()},
                   .rules = {NotBefore("valid_to", "valid_from")},
                   .unique_keys = {{"certificate_no"}}});
  // 消费帮扶: sales of western produce, by channel and period.
  kinds.push_back(
      {.key = "consumption_sale",
       .group = "consumption",
       .title_field = "channel",
       .has_pairing = true,
       .fields = {Region(), Region("buyer_region_code", false), Pairing(),
                  Enum("channel", "sale_channel"), Money("amount_fen", true),
                  Money("certified_fen"), Date("period_start", true), Date("period_end", true),
                  Note()},
       .rules = {NotBefore("period_end", "period_start"), NotMore("certified_fen", "amount_fen")}});
  // 挂职: cadre secondments in both directions.
  kinds.push_back({.key = "cadre_secondment",
                   .group = "talent",
                   .title_field = "post",
                   .has_pairing = true,
                   .fields = {Region(), Pairing(), Enum("direction", "direction"),
                              Personal("person_name"), Persons(), Region("from_region_code"),
                              Region("to_region_code"), Text("post", 200, false, FM::kContains),
                              Date("start_date"), Date("end_date"), Note()},
                   .rules = {NotBefore("end_date", "start_date")},
                   .check = OnePersonWhenNamed("person_name")});
  // 专业技术人才: teachers, doctors, agronomists sent across.
  kinds.push_back(
      {.key = "professional",
       .group = "talent",
       .title_field = "institution",
       .has_pairing = true,
       .fields = {Region(), Pairing(), Enum("kind", "professional_kind"),
                  Enum("direction", "direction"), Personal("person_name"), Persons(),
                  Text("institution", 200, false, FM::kContains), Institution("institution_id"),
                  Date("start_date"), Date("end_date"), Note()},
       .rules = {NotBefore("end_date", "start_date")},
       .check = OnePersonWhenNamed("person_name")});
  // 干部人才培训: trainings of cadres and professionals.
  kinds.push_back({.key = "talent_training",
                   .group = "talent",
                   .title_field = "title",
                   .has_pairing = true,
                   .fields = {Region(), Pairing(), Enum("kind", "talent_kind"),
                              Enum("direction", "direction", false), Year(),
                              Text("title", 200, true, FM::kContains), Persons("sessions"),
                              Count("person_times"), Note()}});
  // 社会帮扶: donations of money and goods.
  kinds.push_back(
      {.key = "donation",
       .group = "donation",
       .title_field = "donor",
       .has_pairing = true,
       .fields = {Text("donor", 200, true, FM::kContains), Region(), Pairing(), Money("money_fen"),
                  Money("goods_fen"), Count("beneficiaries"), Date("date", true), Note()}});
  return kinds;
}

}  // namespace

const std::vector<RecordKind>& RecordKinds() {
  static const std::vector<RecordKind> kKinds = MakeKinds();
  return kKinds;
}

const std::vector<std::string>& EnumOptions(std::string_view set) {
  static const std::vector<std::string> kNone;
  auto it = OptionSets().find(set);
  return it == OptionSets().end() ? kNone : it->second;
}

std::vector<std::string> EnumSetNames() {
  std::vector<std::string> out;
  for (const auto& [name, values] : OptionSets()) out.push_back(name);
  return out;
}

bool RecordFlag(const RecordKind& kind, const Record& record, std::string_view today) {
  if (kind.flag != "overdue") return false;
  std::string status = record.Text(kind, "status");
  std::string deadline = record.Text(kind, "deadline");
  return !deadline.empty() && deadline < today && status != "done" && status != "cancelled";
}

}  // namespace xiezuo::model
