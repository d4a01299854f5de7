// The demo: the accounts `make run` creates on first start, for the county pairs of the seed
// articles (雨花台区–丹凤县, 栖霞区–商州区, 武进区–汉滨区, 高淳区–柞水县) and the offices above
// them, and the articles' figures as records (demo_records.h).
#pragma once

#include <string>
#include <vector>

#include "api/auth/authenticator.h"
#include "store/store.h"

namespace xiezuo::cli {

struct DemoAccount {
  std::string username;
  std::string display_name;
  std::string role;
  std::string region_code;  // "" for the administrator
  std::string password;     // filled when created
};

std::vector<DemoAccount> DemoAccounts();

// Creates the demo accounts with random passwords and writes them to `accounts_file` as
// tab-separated lines (header: username password role region_code region_name), readable
// by the owner only; then the seed articles' records (CreateDemoRecords).
// REQUIRES: the regions of Jiangsu (32) and Shaanxi (61) are loaded.
// Errors: kAlreadyExists if any account exists; kUnavailable if the file cannot be written;
// CreateDemoRecords' errors (the accounts and the file exist by then).
Result<std::vector<DemoAccount>> CreateDemo(store::Store& store, const api::Authenticator& auth,
                                            const std::string& accounts_file);

}  // namespace xiezuo::cli
