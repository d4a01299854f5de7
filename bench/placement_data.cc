// Generates placement rows from a fixed seed. Only the standard's fully specified engine
// (std::mt19937_64) is used, with our own arithmetic on its output rather than the
// implementation-defined std::*_distribution, so every standard library gives the same bytes.
#include "placement_data.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <random>
#include <string_view>
#include <variant>

#include "io/xlsx_writer.h"

namespace xiezuo::bench {
namespace {

struct County {
  std::string_view code;
  std::string_view name;
};

// The paired counties of 商洛 (paired with 南京) and 安康 (paired with 常州 and 苏州).
constexpr std::array<County, 17> kHomeCounties = {{
    {"611002", "商州区"},
    {"611021", "洛南县"},
    {"611022", "丹凤县"},
    {"611023", "商南县"},
    {"611024", "山阳县"},
    {"611025", "镇安县"},
    {"611026", "柞水县"},
    {"610902", "汉滨区"},
    {"610921", "汉阴县"},
    {"610922", "石泉县"},
    {"610923", "宁陕县"},
    {"610924", "紫阳县"},
    {"610925", "岚皋县"},
    {"610926", "平利县"},
    {"610927", "镇坪县"},
    {"610929", "白河县"},
    {"610981", "旬阳市"},
}};

struct Destination {
  std::string_view code;
  std::string_view city;
};
// Districts of the eastern partners: 南京 for 商洛, 常州 and 苏州 for 安康.
constexpr std::array<Destination, 4> kNanjing = {
    {{"320113", "南京"}, {"320114", "南京"}, {"320115", "南京"}, {"320118", "南京"}}};
constexpr std::array<Destination, 4> kChangzhouSuzhou = {
    {{"320411", "常州"}, {"320412", "常州"}, {"320506", "苏州"}, {"320583", "昆山"}}};
// 西安 for work elsewhere in the home province.
constexpr std::array<Destination, 4> kXian = {
    {{"610111", "西安"}, {"610112", "西安"}, {"610113", "西安"}, {"610116", "西安"}}};
// Other provinces: the database holds only 江苏 and 陕西, so these rows name no region.
constexpr std::array<std::string_view, 5> kOtherCities = {"广州", "深圳", "东莞", "宁波", "杭州"};

constexpr std::array<std::string_view, 12> kFirmWords = {
    "华瑞", "恒通", "金陵", "苏创", "宏达", "新源", "博远", "天成", "嘉禾", "瑞丰", "永信", "中科"};
constexpr std::array<std::string_view, 10> kIndustries = {
    "电子科技", "精密机械", "服装",       "食品",     "物流",
    "建筑工程", "家政服务", "汽车零部件", "光伏科技", "医药"};
constexpr std::array<std::string_view, 6> kWorkshopGoods = {"香菇", "服装", "毛绒玩具",
                                                            "电子", "茶叶", "假发"};
constexpr std::array<std::string_view, 30> kSurnames = {
    "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高",
    "林", "何", "郭", "马", "罗", "梁", "宋", "郑", "谢", "韩", "唐", "冯", "于", "董", "萧"};
constexpr std::array<std::string_view, 24> kGivenChars = {
    "建", "国", "秀", "兰", "伟", "芳", "军", "娜", "勇", "敏", "强", "静",
    "磊", "丽", "洋", "艳", "平", "霞", "刚", "桂", "明", "英", "超", "华"};
constexpr std::array<std::string_view, 5> kNotes = {"春风行动", "东西部协作专场招聘会",
                                                    "稳岗补贴已发放", "返乡后再就业", "点对点输送"};

// The destination classes and their labels in records.zh-CN.json.
constexpr std::string_view kPairedEast = "结对东部地区";
constexpr std::string_view kHomeProvince = "省内其他地区";
constexpr std::string_view kOtherProvince = "其他省份";
constexpr std::string_view kLocalWorkshop = "就近就地(帮扶车间)";

// One placement with its cells typed; "" / -1 for an empty cell.
struct Placement {
  std::string region;
  std::string worker;
  std::string_view destination_class;
  std::string destination_region;
  std::string employer;
  std::string start_date;
  std::string end_date;
  int64_t wage_fen = 0;
  int poverty_alleviated = -1;  // 1 是, 0 否, -1 empty
  int64_t persons = 1;
  int64_t poverty_persons = -1;  // -1 empty
  std::string_view note;
};

class Generator {
 public:
  Generator() : rng_(kPlacementSeed) {}

  // A number in [0, n). The modulo bias (n is tiny against 2^64) does not matter here.
  uint64_t Below(uint64_t n) { return rng_() % n; }
  int64_t Between(int64_t lo, int64_t hi) {  // inclusive
    return lo + static_cast<int64_t>(Below(static_cast<uint64_t>(hi - lo + 1)));
  }
  bool Percent(int p) { return Below(100) < static_cast<uint64_t>(p); }
  template <typename T, size_t N>
  const T& Pick(const std::array<T, N>& a) {
    return a[Below(N)];
  }

  Placement Next() {
    Placement p;
    const County& home = Pick(kHomeCounties);
    p.region = home.code;
    uint64_t where = Below(100);
    std::string city;
    if (where < 50) {
      p.destination_class = kPairedEast;
      const Destination& d =
          home.code.starts_with("6110") ? Pick(kNanjing) : Pick(kChangzhouSuzhou);
      p.destination_region = d.code;
      city = d.city;
    } else if (where < 70) {
      p.destination_class = kHomeProvince;
      const Destination& d = Pick(kXian);
      p.destination_region = d.code;
      city = d.city;
    } else if (where < 85) {
      p.destination_class = kOtherProvince;
      city = Pick(kOtherCities);
    } else {
      p.destination_class = kLocalWorkshop;
      p.destination_region = home.code;
    }
    if (p.destination_class == kLocalWorkshop) {
      p.employer = std::string(home.name) + std::string(Pick(kWorkshopGoods)) +
                   (Percent(50) ? "帮扶车间" : "社区工厂");
      p.wage_fen = Between(280'000, 450'000);
    } else {
      p.employer =
          city + std::string(Pick(kFirmWords)) + std::string(Pick(kIndustries)) + "有限公司";
      p.wage_fen = Between(350'000, 900'000);
    }
    int start_day = static_cast<int>(Between(0, 364));
    p.start_date = Date2021(start_day);
    if (Percent(15)) {
      p.end_date = Date2021(std::min(364, start_day + static_cast<int>(Between(30, 200))));
    }
    if (Percent(70)) {
      // A named worker: one person, a third of them lifted out of poverty (脱贫人口).
      p.worker = std::string(Pick(kSurnames)) + std::string(Pick(kGivenChars));
      if (Percent(60)) p.worker += Pick(kGivenChars);
      p.persons = 1;
      p.poverty_alleviated = Below(3) == 0 ? 1 : 0;
    } else {
      // A count of workers without names, about a third of them 脱贫人口.
      p.persons = Between(2, 30);
      p.poverty_persons = 0;
      for (int64_t i = 0; i < p.persons; ++i) p.poverty_persons += Below(3) == 0 ? 1 : 0;
    }
    if (Percent(10)) p.note = Pick(kNotes);
    return p;
  }

 private:
  // "2021-MM-DD" of the 0-based day of 2021 (not a leap year).
  static std::string Date2021(int day) {
    static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int month = 0;
    while (day >= kDays[static_cast<size_t>(month)]) day -= kDays[static_cast<size_t>(month++)];
    char buf[32];
    std::snprintf(buf, sizeof buf, "2021-%02d-%02d", month + 1, day + 1);
    return buf;
  }

  std::mt19937_64 rng_;
};

std::vector<Placement> Generate(int64_t rows) {
  Generator gen;
  std::vector<Placement> out;
  out.reserve(static_cast<size_t>(rows));
  for (int64_t i = 0; i < rows; ++i) out.push_back(gen.Next());
  return out;
}

std::string Yuan(int64_t fen) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%lld.%02lld", static_cast<long long>(fen / 100),
                static_cast<long long>(fen % 100));
  return buf;
}

std::string IntOrEmpty(int64_t n) { return n < 0 ? "" : std::to_string(n); }

std::vector<std::string> TextCells(const Placement& p) {
  return {p.region,
          "",  // 所属结对: left empty, as most users do
          p.worker,
          std::string(p.destination_class),
          p.destination_region,
          p.employer,
          p.start_date,
          p.end_date,
          Yuan(p.wage_fen),
          p.poverty_alleviated < 0 ? "" : (p.poverty_alleviated == 1 ? "是" : "否"),
          std::to_string(p.persons),
          IntOrEmpty(p.poverty_persons),
          std::string(p.note)};
}

void AppendCsvField(std::string& out, const std::string& field) {
  if (field.find_first_of(",\"\r\n") == std::string::npos) {
    out += field;
    return;
  }
  out += '"';
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

void AppendCsvRow(std::string& out, const std::vector<std::string>& row) {
  for (size_t i = 0; i < row.size(); ++i) {
    if (i > 0) out += ',';
    AppendCsvField(out, row[i]);
  }
  out += "\r\n";
}

}  // namespace

const std::vector<std::string>& PlacementHeaders() {
  static const std::vector<std::string> kHeaders = {
      "户籍地区", "所属结对",         "务工人员", "就业去向",   "就业地区",
      "就业单位", "就业日期",         "离岗日期", "月工资(元)", "是否脱贫人口",
      "人数",     "其中脱贫人口(人)", "备注"};
  return kHeaders;
}

std::vector<std::vector<std::string>> PlacementRows(int64_t rows) {
  std::vector<std::vector<std::string>> out;
  out.reserve(static_cast<size_t>(rows));
  for (const Placement& p : Generate(rows)) out.push_back(TextCells(p));
  return out;
}

std::string PlacementCsv(int64_t rows) {
  std::string out;
  out.reserve(static_cast<size_t>(rows) * 120 + 256);
  AppendCsvRow(out, PlacementHeaders());
  for (const Placement& p : Generate(rows)) AppendCsvRow(out, TextCells(p));
  return out;
}

Result<std::string> PlacementXlsx(int64_t rows) {
  using io::XlsxCellType;
  static constexpr std::array<XlsxCellType, 13> kTypes = {
      XlsxCellType::kText,  XlsxCellType::kInteger, XlsxCellType::kText,    XlsxCellType::kText,
      XlsxCellType::kText,  XlsxCellType::kText,    XlsxCellType::kDate,    XlsxCellType::kDate,
      XlsxCellType::kMoney, XlsxCellType::kText,    XlsxCellType::kInteger, XlsxCellType::kInteger,
      XlsxCellType::kText};
  io::XlsxSheet sheet;
  sheet.name = "数据";  // the template's data sheet
  sheet.validation_rows = 0;
  const std::vector<std::string>& headers = PlacementHeaders();
  for (size_t c = 0; c < headers.size(); ++c) {
    io::XlsxColumn column;
    column.header = headers[c];
    column.type = kTypes[c];
    sheet.columns.push_back(column);
  }
  sheet.rows.reserve(static_cast<size_t>(rows));
  auto text = [](std::string_view s) -> io::XlsxCell {
    if (s.empty()) return std::monostate{};
    return std::string(s);
  };
  for (const Placement& p : Generate(rows)) {
    std::vector<io::XlsxCell> row = {
        text(p.region),
        std::monostate{},
        text(p.worker),
        text(p.destination_class),
        text(p.destination_region),
        text(p.employer),
        text(p.start_date),
        text(p.end_date),
        io::FenCell(p.wage_fen),
        p.poverty_alleviated < 0
            ? io::XlsxCell()
            : io::XlsxCell(std::string(p.poverty_alleviated == 1 ? "是" : "否")),
        io::XlsxCell(p.persons),
        p.poverty_persons < 0 ? io::XlsxCell() : io::XlsxCell(p.poverty_persons),
        text(p.note)};
    sheet.rows.push_back(std::move(row));
  }
  return io::WriteXlsx({sheet});
}

}  // namespace xiezuo::bench
