// Password hashing with Argon2id (libsodium crypto_pwhash_str). The hash string carries its
// own parameters, so verification works whatever cost made it.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"

namespace xiezuo::api {

enum class PasswordCost {
  kInteractive,  // libsodium's interactive limits: 64 MiB, 2 passes (production)
  kMinimum,      // the smallest limits, for tests only (XIEZUO_PASSWORD_COST=min)
};

// Errors: kInternal if libsodium cannot allocate.
Result<std::string> HashPassword(std::string_view password, PasswordCost cost);

// True when `password` matches `hash`. A malformed hash never matches.
bool VerifyPassword(std::string_view password, const std::string& hash);

// A random password of `length` characters from an alphabet without look-alikes (0/O, 1/l).
std::string RandomPassword(size_t length = 14);

// `bytes` random bytes as lower-case hex.
std::string RandomHex(size_t bytes);

// SHA-256 of `text` as lower-case hex (session tokens are stored hashed).
std::string Sha256Hex(std::string_view text);

// Compares in time independent of where the strings differ.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace xiezuo::api
