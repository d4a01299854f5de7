// The seed articles as demo records: one table per article (its institutions, then its
// records), and the builder that turns names into ids, validates every record and inserts one
// batch per kind.
//
// How the articles' figures are entered, as a county office would:
// - Records belong to the western county that wrote (or is the subject of) the article and are
//   tied to the county pairing; the eastern side sees them through the pairing.
// - A figure the article gives only as a total is one count-only record (persons, firms,
//   sessions, fairs, count…), never split into invented individuals.
// - A figure that is probably already inside another recorded figure (雨花台's 351.6万元 of
//   pairing funds vs. the 330万元 town funds; 栖霞's 300万元 handed over at the 2020 joint
//   meeting vs. the 2.5亿元 cumulative funds) is kept in a note, so roll-ups count money once.
// - A project record is one project (the kind has no count field): where an article counts
//   projects of one year and names some, the others are placeholders named "原文未列名", so the
//   count rolls up (000: 24, 004: 17); cumulative multi-year totals (002: 188 projects over
//   2017–2020) are summary records, as an office would enter a baseline, not 188 rows.
// - Dates the articles do not give: figures of a report are dated on the report's date (000:
//   2021-12-20, 004: 2017-12-18) or at the end of the year / period they cover; an event known
//   only by month is dated on the 1st. The note says so.
#include "cli/demo_records.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/money.h"
#include "model/credit_code.h"
#include "model/indicator.h"
#include "model/institution.h"
#include "model/record.h"

namespace xiezuo::cli {
namespace {

using model::FieldValue;
using IK = model::InstitutionKind;

// ---- How the tables are written ----

// Money as the articles write it, in 万元 or 亿元, exact in fen. A malformed literal stays text,
// which ValidateRecord rejects (not_a_number): a typo fails the demo loudly.
FieldValue Wan(std::string_view wan) {
  Result<int64_t> fen = ParseWanYuanToFen(wan);
  if (!fen.ok()) return std::string(wan);
  return *fen;
}
FieldValue Yi(std::string_view yi) {
  Result<int64_t> fen = ParseWanYuanToFen(yi);
  if (!fen.ok()) return std::string(yi);
  return *fen * 10'000;
}

// One field of a record. In a reference field a text names the target: an institution by its
// name, a pairing by its name, a project by its code. In the kind's note field the text is the
// article's key phrase (the seed number is prefixed when the record is built).
using Field = std::pair<std::string_view, FieldValue>;

struct Entry {
  std::string_view kind;
  std::vector<Field> fields;
};

struct DemoInstitution {
  std::string_view name;
  model::InstitutionKind kind;
  std::string_view region_code;
};

// One article. Its records belong to `county` and to the pairing named `pairing` unless a
// record says otherwise.
struct Article {
  std::string_view seed;  // "000"
  std::string_view county;
  std::string_view pairing;
  // The date of the figures the article dates only by itself (its report's date, or the end of
  // the period it covers): records lacking the date (or year) an indicator counts them by get
  // it, so they count in the article's year.
  std::string_view dated;
  std::vector<DemoInstitution> institutions;
  std::vector<Entry> entries;
};

// The four county pairs (2023 codes).
constexpr char kDanfeng[] = "611022";    // 丹凤县
constexpr char kYuhuatai[] = "320114";   // 雨花台区
constexpr char kShangzhou[] = "611002";  // 商州区
constexpr char kQixia[] = "320113";      // 栖霞区
constexpr char kHanbin[] = "610902";     // 汉滨区
constexpr char kWujin[] = "320412";      // 武进区
constexpr char kZhashui[] = "611026";    // 柞水县
constexpr char kGaochun[] = "320118";    // 高淳区

constexpr char kPairing000[] = "雨花台区—丹凤县东西部协作结对";
constexpr char kTowns000[] = "丹凤县12个镇(办)—雨花台区8个街道(园区)结对";
constexpr char kPairing002[] = "栖霞区—商州区东西部协作结对";
constexpr char kPairing003[] = "武进区—汉滨区东西部协作结对";
constexpr char kPairing004[] = "高淳区—柞水县东西部协作结对";

// "DF2021-" and 3 → "DF2021-03".
std::string Code(std::string_view prefix, int n) {
  char digits[8];
  std::snprintf(digits, sizeof digits, "%02d", n);
  return std::string(prefix) + digits;
}

// Projects an article counts but does not name: placeholders n = first..last.
void AddUnnamedProjects(Article& a, std::string_view code_prefix, int first, int last,
                        std::string_view name_prefix, std::string_view status,
                        std::string_view note) {
  for (int n = first; n <= last; ++n) {
    a.entries.push_back({"project",
                         {{"code", Code(code_prefix, n)},
                          {"name", std::string(name_prefix) + "（原文未列名之" +
                                       std::to_string(n - first + 1) + "）"},
                          {"category", "other"},
                          {"status", std::string(status)},
                          {"note", std::string(note)}}});
  }
}

// ---- 000: 苏陕(雨丹)协作工作迈出坚实步伐 (经济网, 2021-12-20): 丹凤县 with 雨花台区, 2021 ----
Article Seed000() {
  static constexpr char kAsOf[] = "2021-12-20";
  Article a{.seed = "000", .county = kDanfeng, .pairing = kPairing000, .dated = kAsOf};
  a.institutions = {
      {"南京金缘泰科技集团", IK::kEnterprise, "3201"},
      {"“新雨丹”中药材科技产业园", IK::kIndustrialPark, kDanfeng},
      {"南京绿宙薄壳山核桃科技有限公司", IK::kEnterprise, "3201"},
      {"陕西天宇润泽生态农业有限公司", IK::kEnterprise, "61"},
  };
  a.entries = {
      {"pairing",
       {{"name", kPairing000},
        {"level", "county"},
        {"east_region_code", kYuhuatai},
        {"west_region_code", kDanfeng},
        {"status", "active"},
        {"note",
         "商洛市丹凤县和南京市雨花台区推动组织领导、巩固拓展脱贫成果、加强区域协作、乡村振兴和工作"
         "创新等重点工作迈出坚实步伐。镇、村、校、院结对后争取各类资金351.6万元，用于支持我县项目"
         "建设、爱心超市物资供给、贫困学生援助等（来源层级原文未分，可能含镇级资金330万元，故只记"
         "于此，不计入资金台账）；南京雨花台区组织结对的11家学校(幼儿园)和医院(卫生服务中心)业务"
         "精英开展线上线下指导培训"}}},
      // 丹凤县 has exactly 12 towns (镇/街道): "12个镇(办)" is all of them, so they are listed as
      // the western parties (1+X). 雨花台区's 8 街道(园区) are not named: the district stands.
      {"pairing",
       {{"name", kTowns000},
        {"level", "town"},
        {"region_code", "611022001"},
        {"east_region_code", kYuhuatai},
        {"west_region_code", "611022001"},
        {"west_extra",
         "611022101,611022102,611022103,611022104,611022105,611022106,611022107,611022108,"
         "611022109,611022110,611022115"},
        {"status", "active"},
        {"note",
         "12个镇(办)…与南京雨花台区8个街道(园区)…签署了结对帮扶协议（丹凤县共12个镇(办)，全部"
         "列为结对方；雨花台区的8个街道(园区)原文未列名，记到区）"}}},
      // Only counts: one record per level, the parties are the two counties, counts in the note.
      {"pairing",
       {{"name", "丹凤县14个村(社区)—雨花台区8个社区、1家企业、2个社会组织结对"},
        {"level", "village"},
        {"east_region_code", kYuhuatai},
        {"west_region_code", kDanfeng},
        {"status", "active"},
        {"note",
         "14个村(社区)…与…8个社区(居委会)、1家企业、2个社会组织…签署了结对帮扶协议（村、社区、"
         "企业、社会组织原文未列名，双方记到县区）"}}},
      {"pairing",
       {{"name", "丹凤县9所学校(幼儿园)—雨花台区8所学校(幼儿园)结对"},
        {"level", "school"},
        {"east_region_code", kYuhuatai},
        {"west_region_code", kDanfeng},
        {"status", "active"},
        {"note", "9所学校(幼儿园)…与…8所学校(幼儿园)…签署了结对帮扶协议（学校原文未列名）"}}},
      {"pairing",
       {{"name", "丹凤县3家医院(卫生院)—雨花台区3家医院(卫生服务中心)结对"},
        {"level", "hospital"},
        {"east_region_code", kYuhuatai},
        {"west_region_code", kDanfeng},
        {"status", "active"},
        {"note", "3家医院(卫生院)与…3家医院(卫生服务中心)签署了结对帮扶协议（医院原文未列名）"}}},
      {"plan",
       {{"year", 2021},
        {"title", "2021年度苏陕(雨丹)协作工作要点"},
        {"summary",
         "制定印发了《2021年度苏陕(雨丹)协作工作要点》，清单式交办，目标任务明晰；召开县委常委会、"
         "县政府常务会、苏陕(雨丹)领导小组会各1次，谋划苏陕协作项目、安排资金（任务清单原文未"
         "列）"}}},
      {"meeting",
       {{"date", "2021-10-09"},
        {"kind", "delegation"},
        {"title", "县委书记率党政代表团赴雨花台区考察学习项目建设并参加联席会议"},
        {"from_region_code", kDanfeng},
        {"to_region_code", kYuhuatai},
        {"leader_level", "county"},
        {"batches", 1},
        {"decisions",
         "10月9日-11日，县委书记徐秀全率党政代表团赴雨花台区考察学习项目建设，参加联席会议，就进"
         "一步深化雨丹协作事宜进行深入交流（人数未载）"}}},
      {"fund",
       {{"year", 2021},
        {"type", "disbursement"},
        {"source_level", "provincial"},
        {"payer", "江苏省(省级统筹协作资金)"},
        {"amount_fen", Wan("9476")},
        {"date", kAsOf},
        {"note", "2021年，全县共争取各类财政资金9806万元，其中省级统筹协作资金9476万元"}}},
      {"fund",
       {{"year", 2021},
        {"type", "disbursement"},
        {"source_level", "town"},
        {"payer", "雨花台区结对街道(园区)"},
        {"pairing_id", kTowns000},
        {"amount_fen", Wan("330")},
        {"date", kAsOf},
        {"note", "全县共争取各类财政资金9806万元，其中…镇级资金330万元（拨付方按镇街结对推定）"}}},
      {"project",
       {{"code", "DF2021-01"},
        {"name", "棣花镇许家塬村北塬林下中药材种植项目"},
        {"category", "industry"},
        {"region_code", "611022110207"},
        {"status", "under_construction"},
        {"coop_funds_fen", Wan("200")},
        {"households", 45},
        {"persons", 143},
        {"note",
         "2021年苏陕协作项目资金支持200万元用于建设棣花许家塬村北塬林下中药材种植项目，实施800亩"
         "核桃综合科管，薄壳山核桃培育及林下中药材种植。通过土地流转、劳务等方式带动周边45户143人"
         "致富增收。该村薄壳山核桃(碧根果)引种筛选与示范项目为南京市科技计划项目，由南京绿宙薄壳"
         "山核桃科技有限公司、西安植物园和陕西天宇润泽生态农业有限公司共同打造，已实现碧根果种植"
         "150多亩，林下套种中药材桔梗100多亩"}}},
      {"project",
       {{"code", "DF2021-02"},
        {"name", "“新雨丹”中药材科技产业园"},
        {"category", "industry"},
        {"status", "under_construction"},
        {"note",
         "雨丹联络组招引南京金缘泰科技集团落地建设“新雨丹”中药材科技产业园，政府+公司+合作社(农"
         "户)模式；项目一期已建成19000平方米、年储存量达12000余吨的国家级中药材战略储备库（是否在"
         "24个项目之内原文未明示，按协作项目记）"}}},
      {"project_benefit",
       {{"project_id", "DF2021-02"},
        {"mechanism", "other"},
        {"year", 2021},
        {"amount_fen", Wan("2200")},
        {"note", "2021年度收购中药材2200万元，带动大量低收入家庭增收致富"}}},
      {"investment",
       {{"enterprise_name", "2021年新增落地投产企业(3家，原文未列名)"},
        {"origin_region_code", "32"},
        {"firms", 3},
        {"actual_fen", Yi("1.85")},
        {"note",
         "为吸引江苏(南京)企业落户丹凤…2021年新增落地投产企业3家，实际投资额达1.85亿元，苏陕协作"
         "项目资金共支持6400万元，项目通过务工就业等利益联结机制等惠及农户2000余人"}}},
      {"placement",
       {{"destination_class", "paired_east"},
        {"persons", 284},
        {"poverty_persons", 150},
        {"note", "截止11月底，帮助农村劳动力赴对口协作地区就业284人，150名已脱贫人口稳定增收"}}},
      {"placement",
       {{"destination_class", "home_province"},
        {"destination_region_code", "61"},
        {"persons", 214},
        {"poverty_persons", 161},
        {"note", "截止11月底…在省内就近就地就业214人，161名已脱贫人口稳定增收"}}},
      {"placement",
       {{"destination_class", "other_province"},
        {"persons", 51},
        {"poverty_persons", 46},
        {"note", "截止11月底…赴浙江等其它地区51人，46名已脱贫人口稳定增收"}}},
      {"consumption_sale",
       {{"channel", "other"},
        {"amount_fen", Wan("3229")},
        {"period_start", "2021-01-01"},
        {"period_end", "2021-12-31"},
        {"note",
         "依托苏陕协作机制，通过832平台线上销售和出口食用菌制品，年度消费帮扶金额达3229万元（渠"
         "道未分，记为其他）"}}},
      {"cadre_secondment",
       {{"direction", "west_to_east"},
        {"persons", 2},
        {"from_region_code", kDanfeng},
        {"to_region_code", kYuhuatai},
        {"note", "选派挂职干部2人…赴雨花台区交流学习"}}},
      {"cadre_secondment",
       {{"direction", "east_to_west"},
        {"persons", 2},
        {"from_region_code", kYuhuatai},
        {"to_region_code", kDanfeng},
        {"post", "分管、联系苏陕(雨丹)协作工作"},
        {"note", "雨花台区在丹挂职干部2人均分管、联系苏陕(雨丹)协作工作"}}},
      {"professional",
       {{"kind", "other"},
        {"direction", "west_to_east"},
        {"persons", 12},
        {"note", "专业技术人才12人赴雨花台区交流学习"}}},
      {"professional",
       {{"kind", "other"},
        {"direction", "east_to_west"},
        {"persons", 18},
        {"note",
         "各相关部门(单位)全力做好18名雨花来丹“三支”人才的服务保障工作（支教、支医、支农未"
         "分）"}}},
      {"talent_training",
       {{"kind", "cadre"},
        {"direction", "west_to_east"},
        {"year", 2021},
        {"title", "乡村振兴示范村党组织书记专题培训(南京雨花台区委党校)"},
        {"sessions", 1},
        {"person_times", 36},
        {"note",
         "10月20日-24日，县委组织部组织全县24个乡村振兴示范村党组织书记(第一书记)、镇(办)分管"
         "领导共计36人赴南京雨花台区委党校开展专题培训"}}},
      {"talent_training",
       {{"kind", "cadre"},
        {"year", 2021},
        {"title", "在丹挂职干部和专业人才观摩学习、县情培训"},
        {"sessions", 1},
        {"person_times", 20},
        {"note",
         "11月2日，县委组织部组织20余名在丹挂职干部和专业人才观摩学习全县重点民生工程、红色革命"
         "基地及重点项目建设，召开座谈会培训县情"}}},
      {"donation",
       {{"donor", "南京社会、群团组织、企事业单位、慈善机构等社会力量"},
        {"money_fen", Wan("189.6")},
        {"beneficiaries", 617},
        {"date", kAsOf},
        {"note",
         "积极对接南京社会、群团组织、企事业单位、慈善机构等社会力量…捐款捐物达189.6万元，惠及我"
         "县群众、师生达617人（捐款、捐物未分，合计记入捐款金额）"}}},
  };
  AddUnnamedProjects(a, "DF2021-", 3, 24, "丹凤县2021年苏陕协作项目", "under_construction",
                     "2021年…实施项目24个、惠及农户3万余人（原文只具体写了2个项目，此为其余22个的"
                     "占位记录）");
  return a;
}

// ---- 002: 合力攻坚:商州区多措促进消费扶贫与苏陕扶贫协作: 商州区 with 栖霞区, 2017–2020 ----
// Its figures are cumulative ("累计") over the three-year plan 2017–2020: dated 2020-12-31,
// periods 2017-01-01..2020-12-31, year 2020.
Article Seed002() {
  static constexpr char kEnd[] = "2020-12-31";
  Article a{.seed = "002", .county = kShangzhou, .pairing = kPairing002, .dated = kEnd};
  a.institutions = {
      {"商洛职业技术学院", IK::kSchool, kShangzhou},
      {"商州区人民医院", IK::kHospital, kShangzhou},
      {"江苏徐州医院", IK::kHospital, "3203"},
      // The six firms that landed, as the article names them (its two copies write 红门 and
      // 红门河; 薛和巷电信原件 is spelled as printed).
      {"天吉龙(白灵菇工厂化生产)", IK::kEnterprise, kShangzhou},
      {"笃诚医药", IK::kEnterprise, kShangzhou},
      {"红门河(食用菌生产加工)", IK::kEnterprise, kShangzhou},
      {"康利华医疗用品", IK::kEnterprise, kShangzhou},
      {"开泰通信电子", IK::kEnterprise, kShangzhou},
      {"薛和巷电信原件", IK::kEnterprise, kShangzhou},
      {"汇通达公司", IK::kEnterprise, "3201"},
      {"汇景达", IK::kEnterprise, kShangzhou},
      {"迈博丰", IK::kEnterprise, kShangzhou},
  };
  a.entries = {
      {"pairing",
       {{"name", kPairing002},
        {"level", "county"},
        {"east_region_code", kQixia},
        {"west_region_code", kShangzhou},
        {"status", "active"},
        {"note",
         "率先在两省编制《栖霞区——商州区东西部扶贫协作三年行动计划(2017—2020)》，逐年制定《商州"
         "区苏陕协作年度目标计划》《商州区苏陕协作资金管理办法》《商州区苏陕扶贫协作工作专项考核"
         "办法》；签订“1X”扶贫协作协议42份（结对双方原文未列名）"}}},
      {"pairing",
       {{"name", "江苏徐州医院—商州区人民医院结对"},
        {"level", "hospital"},
        {"east_region_code", "3203"},
        {"east_institution_id", "江苏徐州医院"},
        {"west_region_code", kShangzhou},
        {"west_institution_id", "商州区人民医院"},
        {"status", "active"},
        {"note",
         "建立远程医疗会诊系统，商州区人民医院与江苏徐州医院建立结对帮扶关系，通过远程诊疗…实现"
         "医疗资源共享"}}},
      {"meeting",
       {{"date", "2020-06-14"},
        {"kind", "joint_meeting"},
        {"title", "栖霞区——商州区2020年东西部扶贫协作联席会议"},
        {"from_region_code", kQixia},
        {"to_region_code", kShangzhou},
        {"leader_level", "county"},
        {"batches", 1},
        {"decisions",
         "栖霞区——商州区2020年东西部扶贫协作联席会议于2020年6月14日在商州召开,会上栖霞区人民政"
         "府向商州区人民政府捐赠财政援助资金300万元（视为已含在累计协作资金2.5亿元内，不另记资"
         "金）"}}},
      // 互访 and the joint meetings alternate between the two districts; the article gives no
      // split, and a meeting needs a direction, so these totals are entered east → west.
      {"meeting",
       {{"date", kEnd},
        {"kind", "joint_meeting"},
        {"title", "高层联席会议(2017—2020年累计，2020年6月14日一次另记)"},
        {"from_region_code", kQixia},
        {"to_region_code", kShangzhou},
        {"leader_level", "county"},
        {"batches", 12},
        {"decisions",
         "累计组织高层联席会议13次（2020年6月14日一次另记，此处12次；双向合计，方向未分），召开常"
         "务会、常委会、专题会等34次（区内会议）"}}},
      {"meeting",
       {{"date", kEnd},
        {"kind", "delegation"},
        {"title", "两区互访交流(2017—2020年累计)"},
        {"from_region_code", kQixia},
        {"to_region_code", kShangzhou},
        {"batches", 173},
        {"persons", 1513},
        {"decisions", "开展互访交流173次1513人次（双向合计，方向未分）"}}},
      {"fund",
       {{"year", 2020},
        {"type", "disbursement"},
        {"source_level", "provincial"},
        {"payer", "江苏(苏陕扶贫协作资金，2017—2020累计)"},
        {"amount_fen", Yi("2.5")},
        {"date", kEnd},
        {"note",
         "资金保障强劲有力，累计支持苏陕扶贫协作资金2.5亿元，共支持项目188个（2017—2020累计，记"
         "在2020年；来源层级原文未分，记为省级统筹）"}}},
      {"project",
       {{"code", "SZ2020-ZD"},
        {"name", "商州区苏陕扶贫协作重点项目(2017—2020累计82个，汇总)"},
        {"category", "other"},
        {"status", "approved"},
        {"total_investment_fen", Yi("21.78")},
        {"persons", 92000},
        {"poverty_persons", 92000},
        {"note",
         "共支持项目188个。其中重点项目82个，总投资21.78亿元，带动全区9.2万名贫困人口实现稳定增"
         "收脱贫（累计汇总记录，明细原文未列）"}}},
      {"project",
       {{"code", "SZ2020-QT"},
        {"name", "商州区苏陕扶贫协作其他项目(2017—2020累计106个，汇总)"},
        {"category", "other"},
        {"status", "approved"},
        {"note", "共支持项目188个。其中重点项目82个（其余106个的汇总记录，明细原文未列）"}}},
      {"project",
       {{"code", "SZ2020-ZHJY"},
        {"name", "“栖霞—商州”智慧教育系统"},
        {"category", "education"},
        {"status", "completed"},
        {"persons", 1200},
        {"poverty_persons", 1200},
        {"note",
         "依托栖霞区教师发展中心“沪江计划”，建立“栖霞—商州”智慧教育系统，开设“CCtalk网络直播"
         "课程”，构建全国通用大课表，受益贫困学生达1200余人"}}},
      {"investment",
       {{"enterprise_name",
         "天吉龙白灵菇工厂化生产、笃诚医药、红门河食用菌生产加工、康利华医疗用品、开泰通信电子、"
         "薛和巷电信原件(6家)"},
        {"origin_region_code", "32"},
        {"firms", 6},
        {"committed_fen", Yi("3.93")},
        {"note",
         "积极承接东部产业转移，加大招商力度，落地建成…6家企业，项目总投资3.93亿元，带动贫困人口"
         "3000余人，实现年均稳定增收1500元（企业来源地原文只说“东部”，按宁商协作记为江苏）"}}},
      {"investment",
       {{"enterprise_name", "汇通达公司"},
        {"origin_region_code", "3201"},
        {"industry", "数字经济"},
        {"firms", 1},
        {"note",
         "引进南京“独角兽”企业——汇通达公司，量身定做配套的优惠政策，按IPO标准合资成立的汇景"
         "达、迈博丰等项目（投资额原文未载）"}}},
      {"consumption_sale",
       {{"buyer_region_code", "32"},
        {"channel", "other"},
        {"amount_fen", Wan("1264.95")},
        {"period_start", "2017-01-01"},
        {"period_end", kEnd},
        {"note", "通过开展消费扶贫，累计销往江苏的秦岭特色农产品1264.95万元"}}},
      {"cadre_secondment",
       {{"direction", "east_to_west"},
        {"persons", 19},
        {"from_region_code", kQixia},
        {"to_region_code", kShangzhou},
        {"note",
         "两区互派19名党政干部挂职交流（双向合计，原文未分方向；方向为必填，记为东部到西部）"}}},
      {"professional",
       {{"kind", "other"},
        {"direction", "west_to_east"},
        {"persons", 163},
        {"note", "组织163名多领域专业技术人才赴栖霞区交流学习"}}},
      {"professional",
       {{"kind", "other"},
        {"direction", "east_to_west"},
        {"persons", 92},
        {"note", "栖霞选派92名专业技术人才来商州定点支援"}}},
      {"talent_training",
       {{"kind", "cadre"},
        {"year", 2020},
        {"title", "党政干部培训(2017—2020累计)"},
        {"sessions", 14},
        {"person_times", 296},
        {"note", "累计党政干部培训14场296人次"}}},
      {"talent_training",
       {{"kind", "professional"},
        {"year", 2020},
        {"title", "专业技术人才培训(2017—2020累计)"},
        {"sessions", 5},
        {"person_times", 247},
        {"note", "专业技术人才培训5场247人次"}}},
      {"labour_training",
       {{"title", "就业技能培训(2017—2020累计)"},
        {"sessions", 44},
        {"participants", 1901},
        {"note", "共开展就业技能培训44期1901人次（按人次记入参训人数）"}}},
      {"recruitment_fair",
       {{"title", "苏陕协作专场招聘会(2017—2020累计)"},
        {"fairs", 80},
        {"firms", 300},
        {"posts", 28000},
        {"note", "利用苏陕协作渠道举办专场招聘会80余场，提供300多个企业2.8万个就业岗位"}}},
      {"placement",
       {{"destination_class", "paired_east"},
        {"destination_region_code", "32"},
        {"persons", 344},
        {"poverty_persons", 344},
        {"note", "引导商州贫困人口344人到江苏就业"}}},
      {"placement",
       {{"destination_class", "local_workshop"},
        {"persons", 482},
        {"poverty_persons", 482},
        {"note", "实现贫困人口482人就近、就地就业"}}},
      {"workshop",
       {{"name", "援建扶贫车间和社区工厂(2017—2020累计)"},
        {"kind", "support_workshop"},
        {"count", 21},
        {"jobs", 395},
        {"poverty_workers", 395},
        {"note",
         "通过援建扶贫车间和社区工厂21个，共吸纳贫困人口就业395人（两类未分，记为帮扶车间）"}}},
      {"donation",
       {{"donor", "栖霞区爱心企业、爱心人士、慈善组织"},
        {"money_fen", Wan("475.87")},
        {"beneficiaries", 12000},
        {"date", kEnd},
        {"note",
         "栖霞区爱心企业、爱心人士、慈善组织积极开展各类公益帮扶活动，累计捐款、捐物475.87万元，"
         "惠及贫困人口及学生1.2万人（捐款、捐物未分，合计记入捐款金额）"}}},
  };
  return a;
}

// ---- 003: 苏陕一家亲 携手共振兴——汉滨区与武进区对口协作帮扶纪实: 汉滨区 with 武进区 ----
// "去年" is 2021; cumulative figures ("累计", since 2017) carry no dates.
Article Seed003() {
  static constexpr char kYearEnd[] = "2021-12-31";
  Article a{.seed = "003", .county = kHanbin, .pairing = kPairing003, .dated = kYearEnd};
  a.institutions = {
      {"德润天然富硒茶有限公司", IK::kEnterprise, "610902130"},
      {"龙王泉富硒矿泉水有限公司", IK::kEnterprise, kHanbin},
      {"安康武进希望小学", IK::kSchool, "610902102"},
      {"鼓楼小学", IK::kSchool, kHanbin},
      {"武进区礼河实验学校", IK::kSchool, kWujin},
      {"五里镇幼儿园", IK::kKindergarten, "610902104"},
      {"安康职业技术学院", IK::kSchool, "6109"},
      {"安康环博职业技能培训学校", IK::kSchool, "6109"},
      {"常州华森医疗器械有限公司", IK::kEnterprise, "3204"},
      {"安康康华峻源人力资源服务有限公司", IK::kEnterprise, kHanbin},
      {"常州联锐企业管理有限公司", IK::kEnterprise, "3204"},
      {"江苏峻源人力资源有限公司", IK::kEnterprise, "32"},
      {"安康新伟泰玩具(汉升)分厂", IK::kEnterprise, "610902120"},
      {"江苏立华牧业", IK::kEnterprise, "32"},
      {"汉滨区忠诚现代农业园区", IK::kIndustrialPark, "610902004213"},
      {"江苏省技能人才服务产业园", IK::kIndustrialPark, "32"},
  };
  a.entries = {
      {"pairing",
       {{"name", kPairing003},
        {"level", "county"},
        {"east_region_code", kWujin},
        {"west_region_code", kHanbin},
        {"status", "active"},
        {"note",
         "2017年以来，武进区委、区政府领导先后多次带领党政代表团到汉滨考察调研，推动对口协作，两"
         "地26对镇村、企业、学校达成结对关系，并积极到汉滨结对单位开展交流活动，双方人才交流累计"
         "达300余人次（26对结对双方原文未列名）"}}},
      {"project",
       {{"code", "HB2021-01"},
        {"name", "德润天然富硒茶高标准绿茶红茶生产线"},
        {"category", "industry"},
        {"region_code", "610902130"},
        {"status", "completed"},
        {"note",
         "位于汉滨区晏坝镇的德润天然富硒茶有限公司借助苏陕协作帮扶机遇建成高标准绿茶红茶生产"
         "线"}}},
      {"project",
       {{"code", "HB2021-02"},
        {"name", "龙王泉富硒矿泉水年产30万吨包装饮用水生产车间"},
        {"category", "industry"},
        {"status", "completed"},
        {"note",
         "龙王泉富硒矿泉水有限公司，2021年迎来跨越式发展，在苏陕协作资金的支持下，年产30万吨包装"
         "饮用水生产车间建成投产"}}},
      {"project",
       {{"code", "HB2021-03"},
        {"name", "安康武进希望小学宿舍楼"},
        {"category", "education"},
        {"region_code", "610902102"},
        {"status", "completed"},
        {"note",
         "工作组安排他监督安康武进希望小学宿舍楼项目施工…随着漂亮的塑胶操场全面完工，宿舍楼里最"
         "后一台热水器调试完毕"}}},
      {"project",
       {{"code", "HB2021-04"},
        {"name", "石梯镇青套村碧根果项目示范园"},
        {"category", "industry"},
        {"region_code", "610902124222"},
        {"status", "under_construction"},
        {"note",
         "在汉滨区石梯镇青套村的碧根果种植园里，20多名工人正忙着挖坑、施肥、栽树、浇水…标志着“苏"
         "陕协作”又一产业项目在汉滨落地"}}},
      {"project",
       {{"code", "HB2021-05"},
        {"name", "忠诚现代农业园区蔬菜育苗中心(20个)"},
        {"category", "industry"},
        {"region_code", "610902004213"},
        {"status", "completed"},
        {"persons", 1800},
        {"poverty_persons", 1800},
        {"note",
         "利用苏陕协作项目资金，汉滨区忠诚现代农业园区已建成20个蔬菜育苗中心，“龙头企业+合作社+农"
         "户”的组织形式，园区累计带动脱贫户1800余人；利益联结：土地租金、工资、分红（金额原文未"
         "载）"}}},
      {"project",
       {{"code", "HB2021-06"},
        {"name", "五里镇幼儿园扩建"},
        {"category", "education"},
        {"region_code", "610902104"},
        {"status", "completed"},
        {"note", "苏陕协作资金帮助扩建的五里镇幼儿园（图注）"}}},
      {"investment",
       {{"enterprise_name", "新城地产吾悦广场二期、星庐茶业、台升祥、苏陕文创电绣等5个项目"},
        {"origin_region_code", "32"},
        {"firms", 5},
        {"actual_fen", Wan("51739")},
        {"note",
         "吸引13批50余家企业先后来汉滨实地考察。2021年以来，新城地产吾悦广场二期、星庐茶业、台升"
         "祥、苏陕文创电绣等5个汉滨项目落户汉滨，全部完成投资51739万元（武进区…把优秀企业家推荐到"
         "汉滨投资兴业：来源地记为江苏）"}}},
      // 关山镇魏埭村 is not in the 2023 division codes: the project is entered at the district.
      {"investment",
       {{"enterprise_name", "江苏立华牧业(出栏10万头生猪养殖项目)"},
        {"origin_region_code", "32"},
        {"industry", "生猪养殖"},
        {"firms", 1},
        {"committed_fen", Yi("4.6")},
        {"note",
         "在关山镇魏埭村，江苏立华牧业出栏10万头生猪养殖项目…规划用地350亩，总投资4.6亿元，总建"
         "筑面积10万平方米（关山镇魏埭村不在2023年区划代码中，记到区）"}}},
      {"placement",
       {{"destination_class", "paired_east"},
        {"persons", 1043},
        {"note",
         "劳务协作共帮助完成劳动力转移就业1043人（去向原文未分，按苏陕劳务协作记为结对东部地区；"
         "另：近三年来，通过江苏苏陕劳务服务中心的帮助，共有2000余人到常州市武进区、金坛区等地就"
         "业，与本数重叠，不另记）"}}},
      {"recruitment_fair",
       {{"title", "苏陕协作招聘会(2021年)"},
        {"fairs", 4},
        {"posts", 35000},
        {"intents", 2400},
        {"hires", 700},
        {"stable_hires", 500},
        {"note",
         "去年，汉滨区共举办苏陕协作招聘会4场次，提供岗位共35000余个，达成就业意向共2400余人，通"
         "过招聘会实现初次就业700余人，实现稳定就业500余人"}}},
      {"labour_training",
       {{"title", "互联网营销师等职业技能培训"},
        {"start_date", "2021-08-01"},
        {"participants", 400},
        {"note",
         "开展了互联网营销师等职业技能培训，从2021年8月起，已经陆续培训400余人，培训结业后推荐江"
         "苏及本地就业达30%以上（期数未载）"}}},
      {"labour_training",
       {{"title", "“苏陕协作”武进·汉滨康华峻源高级研修班"},
        {"sessions", 5},
        {"participants", 98},
        {"note",
         "江苏省技能人才服务产业园康华峻源培训基地与安康环博职业技能培训学校签约合作，举办“苏陕协"
         "作”武进·汉滨康华峻源高级研修班，全年举办5期，培训98人次"}}},
      {"labour_training",
       {{"title", "其他苏陕协作培训班"},
        {"sessions", 2},
        {"participants", 62},
        {"note", "举办其他苏陕协作培训班2期，参加培训共62人"}}},
      {"workshop",
       {{"name", "新社区工厂(全区累计)"},
        {"kind", "community_factory"},
        {"count", 185},
        {"jobs", 13000},
        {"note",
         "截至目前，全区已建成各类新社区工厂185家，实现了1200人以上移民搬迁安置全覆盖，累计带动就"
         "业13000余人以上（如县河镇安康新伟泰玩具(汉升)分厂）"}}},
      {"consumption_sale",
       {{"channel", "other"},
        {"amount_fen", Wan("9965.11")},
        {"certified_fen", Wan("3498.43")},
        {"period_start", "2021-01-01"},
        {"period_end", kYearEnd},
        {"note",
         "通过电商办、832平台等知名线上单位共同大力推进消费帮扶再创新高，特色农产品采购、帮助销售"
         "汉滨区农畜产品项目和2021年苏陕协作帮扶资金9965.11万元，经过国家认定的扶贫产品金额达"
         "3498.43万元（原文将采购、帮销合为一句，按消费帮扶总额记，渠道未分）"}}},
      {"cadre_secondment",
       {{"direction", "west_to_east"},
        {"persons", 27},
        {"from_region_code", kHanbin},
        {"to_region_code", kWujin},
        {"note", "汉滨区累计选派27名干部…到武进区交流挂职"}}},
      {"professional",
       {{"kind", "other"},
        {"direction", "west_to_east"},
        {"persons", 67},
        {"note", "汉滨区累计选派…67名专业技术人员到武进区交流挂职"}}},
      // 85 from 武进: the two the article names have their own records, the rest are a count.
      {"professional",
       {{"kind", "other"},
        {"direction", "east_to_west"},
        {"persons", 83},
        {"note",
         "武进区累计选派了85名专业技术人员来汉滨支持指导工作（郭志平、陈建国两人单列，此处83"
         "人）"}}},
      {"professional",
       {{"kind", "agronomist"},
        {"direction", "east_to_west"},
        {"person_name", "郭志平"},
        {"persons", 1},
        {"note",
         "“去年年底，在我们的帮助下，大河镇小河村的黑猪肉销售得很好…”郭志平说（支农，记入武进区"
         "累计选派的85名专业技术人员）"}}},
      {"professional",
       {{"kind", "teacher"},
        {"direction", "east_to_west"},
        {"person_name", "陈建国"},
        {"persons", 1},
        {"institution", "鼓楼小学"},
        {"institution_id", "鼓楼小学"},
        {"note",
         "陈建国是武进区派驻汉滨区鼓楼小学支教的老师，在武进区礼河实验学校任副校长（记入武进区累"
         "计选派的85名专业技术人员）"}}},
      {"donation",
       {{"donor", "常州华森医疗器械有限公司"},
        {"money_fen", Wan("100")},
        {"date", kYearEnd},
        {"note",
         "常州华森医疗器械有限公司还向汉滨区教体局捐赠助学金100万元（日期原文未载，记在2021年"
         "末）"}}},
  };
  return a;
}

// ---- 004: 关于2017年度宁商扶贫协作工作总结的报告 (2017-12-18): 柞水县 with 高淳区 ----
Article Seed004() {
  static constexpr char kAsOf[] = "2017-12-18";
  constexpr char kTownsNote[] =
      "我县下梁、杏坪、瓦房口3个镇分别与高淳区砖墙、固城、东坝等镇签订了《结对扶贫协作协议书》，"
      "形成了帮扶结对关系";
  Article a{.seed = "004", .county = kZhashui, .pairing = kPairing004, .dated = kAsOf};
  a.institutions = {
      {"西川国际慢城", IK::kIndustrialPark, "611026102220"},
      {"西川现代农业园区", IK::kIndustrialPark, "611026102220"},
      {"盘龙公司", IK::kEnterprise, kZhashui},
      {"欧珂公司", IK::kEnterprise, kZhashui},
      {"江苏泰州中国医药城", IK::kIndustrialPark, "3212"},
      {"南京白马国家农业科技园区", IK::kIndustrialPark, "320117101"},
  };
  a.entries = {
      {"pairing",
       {{"name", kPairing004},
        {"level", "county"},
        {"east_region_code", kGaochun},
        {"west_region_code", kZhashui},
        {"status", "active"},
        {"agreement_ref", "《关于进一步加强扶贫协作和经济合作战略协议》"},
        {"note",
         "与南京市高淳区签订了《关于进一步加强扶贫协作和经济合作战略协议》《西川国际慢城建设项目协"
         "议书》《柞水高陶文化体验项目协议书》等合作协议；联合南京市政府编制了《“十三五”南京东西"
         "协作规划(商洛)》，将柞水51个贫困村和县域工业集中园区、西川国际慢城、柞水高陶文化体验中"
         "心、洞天福地特色小镇等4个项目纳入规划之中；对…已筛选的42个项目，进行再筛选再论证（项目"
         "库，原文未列名）"}}},
      // "分别": 下梁–砖墙, 杏坪–固城, 瓦房口–东坝 (固城、东坝 are 街道 in the 2023 codes).
      {"pairing",
       {{"name", "高淳区砖墙镇—柞水县下梁镇结对"},
        {"level", "town"},
        {"region_code", "611026102"},
        {"east_region_code", "320118102"},
        {"west_region_code", "611026102"},
        {"status", "active"},
        {"agreement_ref", "《结对扶贫协作协议书》"},
        {"note", kTownsNote}}},
      {"pairing",
       {{"name", "高淳区固城街道—柞水县杏坪镇结对"},
        {"level", "town"},
        {"region_code", "611026109"},
        {"east_region_code", "320118004"},
        {"west_region_code", "611026109"},
        {"status", "active"},
        {"agreement_ref", "《结对扶贫协作协议书》"},
        {"note", kTownsNote}}},
      {"pairing",
       {{"name", "高淳区东坝街道—柞水县瓦房口镇结对"},
        {"level", "town"},
        {"region_code", "611026110"},
        {"east_region_code", "320118005"},
        {"west_region_code", "611026110"},
        {"status", "active"},
        {"agreement_ref", "《结对扶贫协作协议书》"},
        {"note", kTownsNote}}},
      {"meeting",
       {{"date", "2017-02-01"},
        {"kind", "study_visit"},
        {"title", "县委主要领导带领相关部门赴高淳区学习借鉴古镇和慢城建设经验"},
        {"from_region_code", kZhashui},
        {"to_region_code", kGaochun},
        {"leader_level", "county"},
        {"batches", 1},
        {"decisions",
         "今年2月，县委主要领导带领相关部门赴高淳区学习借鉴古镇和慢城建设等方面的成功经验（日期"
         "未载，记为2月1日）"}}},
      {"meeting",
       {{"date", "2017-05-01"},
        {"kind", "study_visit"},
        {"title", "赴江苏泰州中国医药城、南京白马国家农业科技园区学习借鉴"},
        {"from_region_code", kZhashui},
        {"to_region_code", "32"},
        {"leader_level", "county"},
        {"batches", 2},
        {"decisions",
         "5月份，县委常委、副县长敖翼带领发改、科技等部门和盘龙公司、欧珂公司等企业负责同志先后2"
         "次江苏泰州中国医药城、南京白马国家农业科技园区等地学习借鉴相关经验，对接医药、农业、陶"
         "瓷等产业发展；与江苏泰州中国医药城签订了中医药产业战略合作协议（日期未载，记为5月1日"
         "）"}}},
      {"meeting",
       {{"date", "2017-11-01"},
        {"kind", "delegation"},
        {"title", "赴高淳区对接协作项目"},
        {"from_region_code", kZhashui},
        {"to_region_code", kGaochun},
        {"leader_level", "county"},
        {"batches", 1},
        {"decisions",
         "11月份，县委常委、常务副县长闫亚军带领相关部门赴高淳区对接协作项目（日期未载，记为11月1"
         "日）"}}},
      {"fund",
       {{"year", 2017},
        {"type", "disbursement"},
        {"source_level", "provincial"},
        {"payer", "江苏(苏陕专项扶持资金)"},
        {"amount_fen", Wan("1000")},
        {"date", kAsOf},
        {"note",
         "2017年共梳理上报对口扶贫协作项目17个，总投资1.417亿元，争取苏陕专项扶持资金1000万元，"
         "通过协作项目实施，采取股权投入、贷款贴息、直接补助等帮扶方式，预计可带动1155户4045人实"
         "现增1113万元，户均增收9636元（各项目投资额原文未分）"}}},
      // "两地共落实项目19个，其中合作项目2个": the two co-operation projects, then the 17.
      {"project",
       {{"code", "ZS2017-HZ1"},
        {"name", "西川国际慢城"},
        {"category", "culture_tourism"},
        {"region_code", "611026102220"},
        {"status", "under_construction"},
        {"total_investment_fen", Yi("20")},
        {"note",
         "总投资20亿元的西川国际慢城项目已完成投资4亿元，部分项目设计和基础设施建设已完成，引进入"
         "园企业13家，建成了一批种植、养殖基地（《西川国际慢城建设项目协议书》；入园企业来源地原文"
         "未"
         "载，不记为招商引资）"}}},
      {"project",
       {{"code", "ZS2017-HZ2"},
        {"name", "柞水高陶文化体验中心"},
        {"category", "culture_tourism"},
        {"status", "under_construction"},
        {"total_investment_fen", Yi("1.2")},
        {"note",
         "总投资1.2亿元的柞水高陶文化体验中心项目已完成投资1800万，完成了土地征迁、移民安置、陶艺"
         "体验作坊及展厅主体工程，正在进行内部装修及配套设施建设（《柞水高陶文化体验项目协议"
         "书》）"}}},
      // Progress in percent of the investment where only money is given.
      {"project_progress",
       {{"project_id", "ZS2017-HZ1"},
        {"date", kAsOf},
        {"completed_fen", Yi("4")},
        {"percent", 2000},
        {"note", "已完成投资4亿元（进度按完成投资4亿元/总投资20亿元折算）"}}},
      {"project_progress",
       {{"project_id", "ZS2017-HZ2"},
        {"date", kAsOf},
        {"completed_fen", Wan("1800")},
        {"percent", 1500},
        {"note", "已完成投资1800万（进度按完成投资1800万元/总投资1.2亿元折算）"}}},
      {"project_benefit",
       {{"project_id", "柞水“洞天福地”银杏村文旅产业"},
        {"mechanism", "dividends"},
        {"year", 2017},
        {"amount_fen", Wan("18.83")},
        {"note",
         "由柞水县溶洞景区管理处实施的柞水“洞天福地”银杏村文旅产业项目，目前已向贫困户分红18.83万"
         "元"}}},
      {"placement",
       {{"destination_class", "paired_east"},
        {"destination_region_code", kGaochun},
        {"persons", 385},
        {"poverty_persons", 385},
        {"note",
         "在柞水县和高淳区分别建立了劳动力培训供应基地和就业援助基地，重点推介一批贫困劳动力到高"
         "淳就业，目前，我县累计向对口支援地输送贫困劳动力385人"}}},
      {"cadre_secondment",
       {{"direction", "east_to_west"},
        {"persons", 2},
        {"from_region_code", kGaochun},
        {"to_region_code", kZhashui},
        {"post", "挂职领导"},
        {"note", "高淳区派驻我县的2名挂职领导已到岗上任"}}},
  };

  // The 17 协作项目 by their state at the report: 6 complete, 7 at 80 %, 4 (unnamed) at 40 %.
  struct Named {
    std::string name;
    std::string_view category;
    std::string_view region;  // "" = the county
  };
  const std::vector<Named> complete = {
      {"曹坪镇沙岭村肉牛改良", "industry", "611026107212"},
      {"蜜之源中蜂养殖示范园", "industry", ""},
      {"柞水县昊冉“农光结合”光伏扶贫发电", "industry", ""},
      {"马家台村中药材种植及初加工", "industry", "611026110215"},
      {"柞水人才培训", "other", ""},
      {"西川程控木耳吊袋基地", "industry", "611026102220"},
  };
  const std::vector<Named> at_80 = {
      {"柞水“洞天福地”银杏村文旅产业", "culture_tourism", ""},
      {"特色生态养殖观赏园", "industry", ""},
      {"柞水县电商扶贫生态产业链一期", "consumption", ""},
      {"柞水千亩有机生态茶园", "industry", ""},
      {"秦岭山区特色花卉产业融合发展试点", "industry", ""},
      {"柞水县益民家园周家坡大蒜示范化种植", "industry", ""},
      {"朱家湾村旅游扶贫电子商务中心", "culture_tourism", "611026101210"},
  };
  int n = 0;
  auto add = [&](const Named& p, std::string_view status, int64_t percent, std::string_view note) {
    std::string code = Code("ZS2017-XZ", ++n);
    Entry project{"project",
                  {{"code", code},
                   {"name", p.name},
                   {"category", std::string(p.category)},
                   {"status", std::string(status)},
                   {"note", std::string(note)}}};
    if (!p.region.empty()) project.fields.emplace_back("region_code", std::string(p.region));
    a.entries.push_back(std::move(project));
    a.entries.push_back({"project_progress",
                         {{"project_id", code},
                          {"date", kAsOf},
                          {"percent", percent},
                          {"note", std::string(note)}}});
  };
  for (const Named& p : complete) {
    add(p, "completed", 10000,
        "协作项目17个，其中曹坪镇沙岭村肉牛改良、蜜之源中蜂养殖示范园、柞水县昊冉“农光结合”光伏"
        "扶贫发电、马家台村中药材种植及初加工、柞水人才培训、西川程控木耳吊袋基地等6个项目已全面"
        "建(成)");
  }
  for (const Named& p : at_80) {
    add(p, "under_construction", 8000,
        "柞水“洞天福地”银杏村文旅产业、特色生态养殖观赏园、柞水县电商扶贫生态产业链一期、柞水千亩"
        "有机生态茶园、秦岭山区特色花卉产业融合发展试点、柞水县益民家园周家坡大蒜示范化种植、朱家"
        "湾村旅游扶贫电子商务中心等7个项目完成建设任务的80%");
  }
  for (int i = 1; i <= 4; ++i) {
    add({"柞水县2017年对口扶贫协作项目（原文未列名之" + std::to_string(i) + "）", "other", ""},
        "under_construction", 4000, "其余4个项目完成建设任务的40%（项目名称原文未列）");
  }
  return a;
}

// ---- The builder ----

// Kinds in insertion order: every kind after the kinds its references point to.
constexpr std::string_view kInsertOrder[] = {
    "pairing",          "agreement_target", "plan",
    "plan_task",        "project",          "project_progress",
    "project_benefit",  "meeting",          "fund",
    "investment",       "placement",        "labour_training",
    "recruitment_fair", "workshop",         "certified_product",
    "consumption_sale", "cadre_secondment", "professional",
    "talent_training",  "donation",
};

// The free-text field that cites the article: "note", or the kind's own (meeting "decisions",
// plan "summary", plan_task "progress").
std::string_view SourceField(const model::RecordKind& kind) {
  for (std::string_view key : {"note", "decisions", "summary", "progress"}) {
    if (kind.Field(key) != nullptr) return key;
  }
  return {};
}

// The first `n` characters of UTF-8 `s`.
std::string Prefix(std::string_view s, size_t n) {
  size_t chars = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80 && chars++ == n) {
      return std::string(s.substr(0, i)) + "…";
    }
  }
  return std::string(s);
}

// "seed 000 fund “江苏省(省级统筹协作资金)”": the record's title, code or note, for messages.
std::string Describe(const Article& a, const model::RecordKind& kind, const Entry& e) {
  std::string title;
  for (std::string_view key :
       {std::string_view(kind.title_field), std::string_view("code"), SourceField(kind)}) {
    for (const auto& [field, value] : e.fields) {
      const auto* text = std::get_if<std::string>(&value);
      if (field == key && text != nullptr && !text->empty() && title.empty()) title = *text;
    }
  }
  return "seed " + std::string(a.seed) + " " + kind.key + " “" + Prefix(title, 40) + "”";
}

std::string IssuesText(const std::vector<model::FieldIssue>& issues,
                       std::vector<FieldError>& details) {
  std::string text;
  for (const model::FieldIssue& i : issues) {
    std::string line = i.field + " " + model::IssueText(i) + " [" + i.rule +
                       (i.arg.empty() ? "" : " " + i.arg) + "]";
    text += (text.empty() ? "" : "; ") + line;
    details.push_back({i.field, model::IssueText(i)});
  }
  return text;
}

// A made-up unified social credit code for a demo enterprise: the articles give none and an
// enterprise needs one. The organisation part "DEM" + a number marks it as invented (real codes
// of these years read "MA…"); the check character is right, so it passes GB 32100.
std::string DemoCreditCode(std::string_view region_code, int n) {
  std::string region(region_code.substr(0, 6));
  region.resize(6, '0');
  std::string number = std::to_string(n % 1000000);  // six digits, zero-padded
  number.insert(0, 6 - number.size(), '0');
  std::string code = "91" + region + "DEM" + number;
  code += model::CreditCodeCheckChar(code);
  return code;
}

// Gives `r` the article's date where the indicators would otherwise count it nowhere: its
// year when the kind has one and it is empty; else the first date field the catalogue counts
// the kind by, when every such field is empty.
void DateByArticle(const model::RecordKind& kind, std::string_view dated, model::Record& r) {
  auto is_null = [&](std::string_view key) {
    return std::holds_alternative<std::monostate>(r.Get(kind, key));
  };
  if (kind.Field("year") != nullptr) {
    if (is_null("year")) r.Set(kind, "year", int64_t{std::stoi(std::string(dated.substr(0, 4)))});
    return;
  }
  for (const model::Indicator& i : model::Indicators()) {
    if (!i.derivation || i.derivation->kind != kind.key || i.derivation->date_fields.empty()) {
      continue;
    }
    const std::vector<std::string>& fields = i.derivation->date_fields;
    if (std::all_of(fields.begin(), fields.end(), is_null)) {
      r.Set(kind, fields.front(), std::string(dated));
    }
  }
}

// Creates institutions and records, remembering their ids by name (institutions, pairings,
// plans), code (projects) or title, so later records can refer to them. Not thread-safe.
class DemoBuilder {
 public:
  DemoBuilder(store::Store& store, const store::Actor& actor) : store_(store), actor_(actor) {}

  Status CreateInstitutions(const Article& a);
  // Builds, validates and inserts every entry of `kind` of every article, as one batch.
  Status InsertKind(const model::RecordKind& kind, const std::vector<Article>& articles);

 private:
  Result<model::Record> Build(const model::RecordKind& kind, const Article& a, const Entry& e);
  Result<int64_t> Resolve(const model::FieldDef& field, std::string_view name) const;

  store::Store& store_;
  const store::Actor& actor_;
  int credit_codes_ = 0;
  std::map<std::string, int64_t, std::less<>> institutions_;
  // kind → title or code → id; 0 when two records share it.
  std::map<std::string, std::map<std::string, int64_t, std::less<>>, std::less<>> records_;
};

Status DemoBuilder::CreateInstitutions(const Article& a) {
  for (const DemoInstitution& d : a.institutions) {
    std::string what = "seed " + std::string(a.seed) + " institution " + std::string(d.name) +
                       " (" + std::string(d.region_code) + ")";
    if (institutions_.contains(d.name)) return InvalidArgument(what + " is listed twice");
    model::Institution inst{
        .name = std::string(d.name), .kind = d.kind, .region_code = std::string(d.region_code)};
    if (d.kind == IK::kEnterprise)
      inst.credit_code = DemoCreditCode(d.region_code, ++credit_codes_);
    Result<model::Institution> created = store_.CreateInstitution(inst, actor_);
    if (!created.ok()) {
      return Status(created.status().code(), what + ": " + created.status().message(),
                    created.status().details());
    }
    institutions_.emplace(inst.name, created->id);
  }
  return Status::Ok();
}

Result<int64_t> DemoBuilder::Resolve(const model::FieldDef& field, std::string_view name) const {
  if (field.type == model::FieldType::kInstitution) {
    auto it = institutions_.find(name);
    if (it == institutions_.end()) {
      return InvalidArgument(field.key + ": no demo institution named " + std::string(name));
    }
    return it->second;
  }
  auto kind = records_.find(field.ref);
  auto missing = [&] {
    return InvalidArgument(field.key + ": no demo " + field.ref + " “" + std::string(name) +
                           "” (is its kind inserted before this one?)");
  };
  if (kind == records_.end()) return missing();
  auto it = kind->second.find(name);
  if (it == kind->second.end()) return missing();
  if (it->second == 0) {
    return InvalidArgument(field.key + ": “" + std::string(name) + "” names two demo " + field.ref +
                           " records");
  }
  return it->second;
}

Result<model::Record> DemoBuilder::Build(const model::RecordKind& kind, const Article& a,
                                         const Entry& e) {
  auto fail = [&](const std::string& why, std::vector<FieldError> details = {}) {
    return InvalidArgument("demo record " + Describe(a, kind, e) + ": " + why, std::move(details));
  };
  model::Record r(kind);
  std::string_view source = SourceField(kind);
  for (const auto& [key, value] : e.fields) {
    const model::FieldDef* f = kind.Field(key);
    if (f == nullptr || f->derived) return fail(kind.key + " has no field " + std::string(key));
    FieldValue v = value;
    if (const auto* text = std::get_if<std::string>(&value)) {
      if (f->type == model::FieldType::kRef || f->type == model::FieldType::kInstitution) {
        Result<int64_t> id = Resolve(*f, *text);
        if (!id.ok()) return fail(id.status().message());
        v = *id;
      } else if (key == source) {
        v = std::string(a.seed) + ": " + *text;
      }
    }
    r.Set(kind, key, std::move(v));
  }
  if (source.empty() || r.Text(kind, source).empty()) {
    return fail("cites no article (set its " + std::string(source) + ")");
  }
  // The article's county and county pairing, unless the entry names others.
  auto is_null = [&](std::string_view key) {
    return std::holds_alternative<std::monostate>(r.Get(kind, key));
  };
  const model::FieldDef* region = kind.Field("region_code");
  if (region != nullptr && !region->derived && is_null("region_code")) {
    r.Set(kind, "region_code", std::string(a.county));
  }
  const model::FieldDef* pairing = kind.Field("pairing_id");
  if (pairing != nullptr && !pairing->derived && is_null("pairing_id")) {
    Result<int64_t> id = Resolve(*pairing, a.pairing);
    if (!id.ok()) return fail(id.status().message());
    r.Set(kind, "pairing_id", *id);
  }
  DateByArticle(kind, a.dated, r);
  std::vector<model::FieldIssue> issues = model::ValidateRecord(kind, r);
  if (!issues.empty()) {
    std::vector<FieldError> details;
    std::string text = IssuesText(issues, details);
    return fail(text, std::move(details));
  }
  return r;
}

Status DemoBuilder::InsertKind(const model::RecordKind& kind,
                               const std::vector<Article>& articles) {
  std::vector<model::Record> batch;
  std::vector<std::pair<const Article*, const Entry*>> origins;
  for (const Article& a : articles) {
    for (const Entry& e : a.entries) {
      if (e.kind != kind.key) continue;
      ASSIGN_OR_RETURN(model::Record r, Build(kind, a, e));
      batch.push_back(std::move(r));
      origins.emplace_back(&a, &e);
    }
  }
  if (batch.empty()) return Status::Ok();
  std::vector<store::RowIssue> issues;
  Result<std::vector<int64_t>> ids = store_.InsertRecords(kind, batch, actor_, {}, &issues);
  if (!issues.empty()) {
    const auto& [a, e] = origins.at(issues.front().index);
    std::vector<FieldError> details;
    std::string text = IssuesText({issues.front().issue}, details);
    if (issues.size() > 1) text += " (and " + std::to_string(issues.size() - 1) + " more)";
    return InvalidArgument("the store refused demo record " + Describe(*a, kind, *e) + ": " + text,
                           std::move(details));
  }
  if (!ids.ok()) return ids.status();
  auto& keys = records_[kind.key];
  auto remember = [&keys](const std::string& key, int64_t id) {
    if (key.empty()) return;
    auto [it, added] = keys.emplace(key, id);
    if (!added) it->second = 0;
  };
  for (size_t i = 0; i < batch.size(); ++i) {
    remember(batch[i].Text(kind, kind.title_field), ids->at(i));
    if (kind.Field("code") != nullptr) remember(batch[i].Text(kind, "code"), ids->at(i));
  }
  return Status::Ok();
}

}  // namespace

Status CreateDemoRecords(store::Store& store, const store::Actor& actor) {
  std::vector<Article> articles;
  articles.push_back(Seed000());
  articles.push_back(Seed002());
  articles.push_back(Seed003());
  articles.push_back(Seed004());
  for (const Article& a : articles) {
    for (const Entry& e : a.entries) {
      if (std::find(std::begin(kInsertOrder), std::end(kInsertOrder), e.kind) ==
          std::end(kInsertOrder)) {
        return InvalidArgument("seed " + std::string(a.seed) + ": no record kind " +
                               std::string(e.kind));
      }
    }
  }
  DemoBuilder builder(store, actor);
  for (const Article& a : articles) RETURN_IF_ERROR(builder.CreateInstitutions(a));
  for (std::string_view key : kInsertOrder) {
    const model::RecordKind* kind = model::FindKind(key);
    if (kind == nullptr)
      return Internal("the demo inserts kind " + std::string(key) + ", which is gone");
    RETURN_IF_ERROR(builder.InsertKind(*kind, articles));
  }
  return Status::Ok();
}

}  // namespace xiezuo::cli
