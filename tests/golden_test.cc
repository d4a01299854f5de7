// Golden cases for the analytics (tests/cases/*.case): each file gives a region tree,
// indicators, facts, writes and queries with the expected cells; this one runner reads them
// all. The format, line by line ('#' starts a comment):
//
//   region CODE NAME                        a region (its parent must come first or later)
//   indicator CODE sum|count_distinct|last [OPTION_SET]
//   indicator CODE ratio NUMERATOR DENOMINATOR
//   fact SOURCE INDICATOR YYYY-MM [w=REGION] [e=REGION] [v=N] [o=OPTION] [entity=N]
//                                           facts of one source, written at the next command
//                                           (a source written again replaces its facts)
//   delete SOURCE                           the source's facts are gone
//   enter INDICATOR REGION PERIOD west|east N [o=OPTION]   an entered value
//   query indicators=A,B [region=CODE] [depth=N] period=P [since=YYYY] [side=west|east]
//         [breakdown]
//   expect                                  then lines until "end":
//     ROW CELL...                           ROW: a region code or "total"; CELL:
//                                           IND=N, IND[OPTION]=N, IND.derived=N, IND=-
//                                           (missing); every row of the answer is listed,
//                                           in order
//   end
#include <gtest/gtest-spi.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <optional>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "analytics/analytics.h"

namespace xiezuo {
namespace {

namespace fs = std::filesystem;
using analytics::Cell;
using analytics::Fact;

fs::path CasesDir() {
  const char* src = std::getenv("XIEZUO_SOURCE_DIR");
  return fs::path(src != nullptr ? src : XIEZUO_SOURCE_DIR) / "tests" / "cases";
}

std::vector<std::string> Words(const std::string& line) {
  std::istringstream in(line.substr(0, line.find('#')));
  std::vector<std::string> out;
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

// "key=value" words as a map; bare words map to "".
std::map<std::string, std::string> Options(const std::vector<std::string>& words, size_t from) {
  std::map<std::string, std::string> out;
  for (size_t i = from; i < words.size(); ++i) {
    size_t eq = words[i].find('=');
    if (eq == std::string::npos) {
      out[words[i]] = "";
    } else {
      out[words[i].substr(0, eq)] = words[i].substr(eq + 1);
    }
  }
  return out;
}

// "2021", "2021Q3", "2021-03".
std::optional<analytics::MonthRange> Period(const std::string& p) {
  if (p.size() < 4) return std::nullopt;
  int year = std::stoi(p.substr(0, 4));
  if (p.size() == 4) return analytics::YearRange(year);
  if (p.size() == 6 && p[4] == 'Q') return analytics::QuarterRange(year, p[5] - '0');
  if (p.size() == 7 && p[4] == '-') return analytics::MonthRangeOf(year, std::stoi(p.substr(5)));
  return std::nullopt;
}

class GoldenCase {
 public:
  explicit GoldenCase(fs::path file) : file_(std::move(file)) {}

  void Run() {
    std::ifstream in(file_);
    ASSERT_TRUE(in) << "cannot read " << file_;
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    for (line_ = 0; line_ < lines.size(); ++line_) {
      std::vector<std::string> w = Words(lines[line_]);
      if (w.empty()) continue;
      SCOPED_TRACE(Where());
      const std::string& cmd = w[0];
      if (cmd == "region") {
        ASSERT_GE(w.size(), 3U);
        model::Region r;
        r.code = w[1];
        r.name = w[2];
        auto level = model::LevelOfCode(r.code);
        ASSERT_TRUE(level.has_value()) << "bad region code " << r.code;
        r.level = *level;
        r.parent_code = model::ParentCode(r.code);
        regions_.push_back(r);
      } else if (cmd == "indicator") {
        AddIndicator(w);
      } else if (cmd == "fact") {
        AddFact(w);
      } else if (cmd == "delete") {
        ASSERT_EQ(w.size(), 2U);
        Flush();
        ASSERT_TRUE(analytics_->engine().Replace(std::stoull(w[1]), {}).ok());
      } else if (cmd == "enter") {
        Enter(w);
      } else if (cmd == "query") {
        Flush();
        Query(w);
        // The expectation follows.
        ++line_;
        while (line_ < lines.size() && Words(lines[line_]).empty()) ++line_;
        ASSERT_LT(line_, lines.size()) << "a query needs an expect block";
        ASSERT_EQ(Words(lines[line_]), std::vector<std::string>{"expect"}) << Where();
        std::vector<std::vector<std::string>> expected;
        for (++line_; line_ < lines.size(); ++line_) {
          std::vector<std::string> e = Words(lines[line_]);
          if (e == std::vector<std::string>{"end"}) break;
          if (!e.empty()) expected.push_back(e);
        }
        Check(expected);
      } else {
        FAIL() << "unknown command " << cmd;
      }
    }
  }

 private:
  std::string Where() const { return file_.filename().string() + ":" + std::to_string(line_ + 1); }

  void AddIndicator(const std::vector<std::string>& w) {
    ASSERT_GE(w.size(), 3U);
    ASSERT_EQ(analytics_, nullptr) << "indicators come before facts and queries";
    model::Indicator i;
    i.code = w[1];
    i.name_zh = i.name_en = w[1];
    const std::string& agg = w[2];
    if (agg == "sum") {
      i.aggregation = model::IndicatorAggregation::kSum;
    } else if (agg == "count_distinct") {
      i.aggregation = model::IndicatorAggregation::kCountDistinct;
    } else if (agg == "last") {
      i.aggregation = model::IndicatorAggregation::kLast;
    } else if (agg == "ratio") {
      ASSERT_EQ(w.size(), 5U) << "ratio NUMERATOR DENOMINATOR";
      i.aggregation = model::IndicatorAggregation::kRatio;
      i.numerator = w[3];
      i.denominator = w[4];
    } else {
      FAIL() << "unknown aggregation " << agg;
    }
    if (agg != "ratio" && w.size() > 3) {
      i.breakdown = w[3];
      ASSERT_FALSE(model::EnumOptions(i.breakdown).empty()) << "unknown option set " << w[3];
    }
    indicators_.push_back(i);
  }

  // The analytics, built on first use (after the regions and indicators).
  void Start() {
    if (analytics_ != nullptr) return;
    auto index = analytics::RegionIndex::Build(regions_);
    ASSERT_TRUE(index.ok()) << index.status().ToString();
    analytics_ = std::make_unique<analytics::Analytics>(indicators_, *index);
  }

  int32_t IndicatorNumber(const std::string& code) {
    for (size_t i = 0; i < indicators_.size(); ++i) {
      if (indicators_[i].code == code) return static_cast<int32_t>(i);
    }
    ADD_FAILURE() << Where() << ": unknown indicator " << code;
    return 0;
  }

  int32_t RegionNumber(const std::string& code) {
    int32_t n = analytics_->regions().Find(code);
    EXPECT_GE(n, 0) << Where() << ": unknown region " << code;
    return n;
  }

  int32_t OptionNumber(int32_t indicator, const std::string& option) {
    const auto& options = model::BreakdownOptions(indicators_[static_cast<size_t>(indicator)]);
    auto it = std::find(options.begin(), options.end(), option);
    EXPECT_NE(it, options.end()) << Where() << ": no option " << option;
    return static_cast<int32_t>(it - options.begin());
  }

  void AddFact(const std::vector<std::string>& w) {
    Start();
    ASSERT_GE(w.size(), 4U);
    Fact f;
    f.indicator = IndicatorNumber(w[2]);
    auto month = analytics::MonthOfDate(w[3] + "-01");
    ASSERT_TRUE(month.has_value()) << "bad month " << w[3];
    f.month = *month;
    auto opts = Options(w, 4);
    if (opts.count("w")) f.west_region = RegionNumber(opts["w"]);
    if (opts.count("e")) f.east_region = RegionNumber(opts["e"]);
    f.value = opts.count("v") ? std::stoll(opts["v"]) : 1;
    if (opts.count("o")) f.breakdown = OptionNumber(f.indicator, opts["o"]);
    if (opts.count("entity")) f.entity = std::stoll(opts["entity"]);
    pending_[std::stoull(w[1])].push_back(f);
  }

  void Flush() {
    Start();
    for (auto& [source, facts] : pending_) {
      Status s = analytics_->engine().Replace(source, facts);
      ASSERT_TRUE(s.ok()) << Where() << ": " << s.ToString();
    }
    pending_.clear();
  }

  void Enter(const std::vector<std::string>& w) {
    Flush();
    ASSERT_GE(w.size(), 6U) << "enter INDICATOR REGION PERIOD SIDE VALUE";
    analytics::EnteredValue e;
    e.indicator = IndicatorNumber(w[1]);
    e.region = RegionNumber(w[2]);
    auto period = Period(w[3]);
    ASSERT_TRUE(period.has_value()) << "bad period " << w[3];
    e.period = *period;
    e.side = w[4] == "east" ? analytics::Side::kEast : analytics::Side::kWest;
    e.value = std::stoll(w[5]);
    auto opts = Options(w, 6);
    if (opts.count("o")) e.breakdown = OptionNumber(e.indicator, opts["o"]);
    Status s = analytics_->engine().SetEntered(e);
    ASSERT_TRUE(s.ok()) << s.ToString();
  }

  void Query(const std::vector<std::string>& w) {
    auto opts = Options(w, 1);
    analytics::TableRequest req;
    std::stringstream codes(opts["indicators"]);
    for (std::string c; std::getline(codes, c, ',');) req.indicators.push_back(c);
    req.region = opts["region"];
    req.depth = opts.count("depth") ? std::stoi(opts["depth"]) : 1;
    auto period = Period(opts["period"]);
    ASSERT_TRUE(period.has_value()) << "bad period " << opts["period"];
    req.months = *period;
    if (opts.count("since")) req.months.first = analytics::MonthOf(std::stoi(opts["since"]), 1);
    req.side = opts["side"] == "east" ? analytics::Side::kEast : analytics::Side::kWest;
    req.by_breakdown = opts.count("breakdown") > 0;
    auto table = analytics_->Query(req);
    ASSERT_TRUE(table.ok()) << table.status().ToString();
    table_ = *table;
    request_ = req;
  }

  void Check(const std::vector<std::vector<std::string>>& expected) {
    // Every row of the answer, in order, then the total.
    std::vector<std::string> want_rows;
    for (const auto& e : expected) {
      if (e[0] != "total") want_rows.push_back(e[0]);
    }
    std::vector<std::string> got_rows;
    for (const auto& r : table_.rows) got_rows.push_back(r.code);
    EXPECT_EQ(got_rows, want_rows) << Where() << ": the rows";
    for (const auto& e : expected) {
      const analytics::TableRow* row = &table_.total;
      if (e[0] != "total") {
        auto it = std::find_if(table_.rows.begin(), table_.rows.end(),
                               [&](const auto& r) { return r.code == e[0]; });
        if (it == table_.rows.end()) continue;  // reported above
        row = &*it;
      }
      for (size_t k = 1; k < e.size(); ++k) CheckCell(*row, e[0], e[k]);
    }
  }

  // "IND=N", "IND[OPTION]=N", "IND.derived=N", "IND=-".
  void CheckCell(const analytics::TableRow& row, const std::string& row_name,
                 const std::string& spec) {
    size_t eq = spec.find('=');
    ASSERT_NE(eq, std::string::npos) << Where() << ": bad cell " << spec;
    std::string key = spec.substr(0, eq);
    std::string want = spec.substr(eq + 1);
    std::string field = "value";
    if (size_t dot = key.find('.'); dot != std::string::npos) {
      field = key.substr(dot + 1);
      key = key.substr(0, dot);
    }
    std::string option;
    if (size_t br = key.find('['); br != std::string::npos) {
      option = key.substr(br + 1, key.size() - br - 2);
      key = key.substr(0, br);
    }
    auto pos = std::find(request_.indicators.begin(), request_.indicators.end(), key);
    ASSERT_NE(pos, request_.indicators.end()) << Where() << ": " << key << " was not queried";
    size_t k = static_cast<size_t>(pos - request_.indicators.begin());
    size_t cell = 0;
    if (!option.empty()) {
      cell = 1 + static_cast<size_t>(OptionNumber(IndicatorNumber(key), option));
    }
    ASSERT_LT(cell, row.indicators[k].cells.size()) << Where() << ": " << spec;
    const Cell& c = row.indicators[k].cells[cell];
    std::string got;
    if (field == "derived") {
      got = std::to_string(c.derived);
    } else if (field == "entered") {
      got = c.entered ? std::to_string(*c.entered) : "-";
    } else {
      got = c.has_data ? std::to_string(c.value) : "-";
    }
    EXPECT_EQ(got, want) << Where() << ": row " << row_name << ", " << key
                         << (option.empty() ? "" : "[" + option + "]") << "." << field;
  }

  fs::path file_;
  size_t line_ = 0;
  std::vector<model::Region> regions_;
  std::vector<model::Indicator> indicators_;
  std::unique_ptr<analytics::Analytics> analytics_;
  std::map<analytics::SourceId, std::vector<Fact>> pending_;
  analytics::Table table_;
  analytics::TableRequest request_;
};

class GoldenTest : public ::testing::TestWithParam<std::string> {};

TEST_P(GoldenTest, Case) { GoldenCase(CasesDir() / GetParam()).Run(); }

std::vector<std::string> CaseFiles() {
  std::vector<std::string> out;
  for (const auto& entry : fs::directory_iterator(CasesDir())) {
    if (entry.path().extension() == ".case") out.push_back(entry.path().filename().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

INSTANTIATE_TEST_SUITE_P(Cases, GoldenTest, ::testing::ValuesIn(CaseFiles()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           std::string name = info.param.substr(0, info.param.size() - 5);
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });

// The runner itself fails on a wrong expectation (a golden file that cannot fail is no test).
TEST(GoldenRunner, AWrongExpectationFails) {
  fs::path dir = fs::temp_directory_path() / ("xiezuo-golden-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "wrong.case") << "region 61 陕西省\nregion 6110 商洛市\n"
                                       "indicator funds sum\n"
                                       "fact 1 funds 2021-05 w=6110 v=5\n"
                                       "query indicators=funds region=61 depth=1 period=2021\n"
                                       "expect\n6110 funds=6\ntotal funds=5\nend\n";
  ::testing::TestPartResultArray failures;
  {
    ::testing::ScopedFakeTestPartResultReporter reporter(
        ::testing::ScopedFakeTestPartResultReporter::INTERCEPT_ONLY_CURRENT_THREAD, &failures);
    GoldenCase(dir / "wrong.case").Run();
  }
  fs::remove_all(dir);
  ASSERT_EQ(failures.size(), 1);
  EXPECT_NE(std::string(failures.GetTestPartResult(0).message()).find("row 6110"),
            std::string::npos);
}

}  // namespace
}  // namespace xiezuo
