// Demo accounts, and the seed articles' records (demo_records.cc).
#include "cli/demo.h"

#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "api/auth/password.h"
#include "cli/demo_records.h"

namespace xiezuo::cli {

std::vector<DemoAccount> DemoAccounts() {
  return {
      {"admin", "系统管理员", "admin", ""},
      {"js_province", "江苏省协作办", "province_office", "32"},
      {"sx_province", "陕西省协作办", "province_office", "61"},
      {"nanjing_city", "南京市协作办", "city_office", "3201"},
      {"shangluo_city", "商洛市协作办", "city_office", "6110"},
      {"yuhuatai_county", "雨花台区协作办", "county_office", "320114"},
      {"danfeng_county", "丹凤县协作办", "county_office", "611022"},
      {"gaochun_county", "高淳区协作办", "county_office", "320118"},
      {"zhashui_county", "柞水县协作办", "county_office", "611026"},
      // The other county pairs of the seed articles (002: 栖霞区–商州区, 003: 武进区–汉滨区)
      // and the cities of 003.
      {"qixia_county", "栖霞区协作办", "county_office", "320113"},
      {"shangzhou_county", "商州区协作办", "county_office", "611002"},
      {"changzhou_city", "常州市协作办", "city_office", "3204"},
      {"ankang_city", "安康市协作办", "city_office", "6109"},
      {"wujin_county", "武进区协作办", "county_office", "320412"},
      {"hanbin_county", "汉滨区协作办", "county_office", "610902"},
  };
}

Result<std::vector<DemoAccount>> CreateDemo(store::Store& store, const api::Authenticator& auth,
                                            const std::string& accounts_file) {
  std::vector<DemoAccount> accounts = DemoAccounts();
  store::Actor system{0, "system", ""};
  std::string text = "username\tpassword\trole\tregion_code\tregion_name\n";
  for (DemoAccount& a : accounts) {
    a.password = api::RandomPassword();
    ASSIGN_OR_RETURN(std::string hash, auth.Hash(a.password));
    model::User user{.username = a.username,
                     .display_name = a.display_name,
                     .role = a.role,
                     .scope_region_code = a.region_code,
                     .password_hash = hash};
    RETURN_IF_ERROR(store.CreateUser(user, system).status());
    std::string region_name = "全国";
    if (!a.region_code.empty()) {
      ASSIGN_OR_RETURN(model::Region region, store.GetRegion(a.region_code));
      region_name = region.name;
    }
    text += a.username + "\t" + a.password + "\t" + a.role + "\t" + a.region_code + "\t" +
            region_name + "\n";
  }
  std::error_code ec;
  auto parent = std::filesystem::path(accounts_file).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  {
    std::ofstream out(accounts_file, std::ios::trunc);
    out << text;
    if (!out) return Unavailable("cannot write " + accounts_file);
  }
  chmod(accounts_file.c_str(), 0600);
  // After the logins are saved, so they are not lost if a record is refused.
  RETURN_IF_ERROR(CreateDemoRecords(store, system));
  return accounts;
}

}  // namespace xiezuo::cli
