// Status and Result: expected failures as values, in Abseil's shape (g++ 12 has no
// std::expected). One StatusCode set is shared by every component; src/api maps it to HTTP.
#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace xiezuo {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,  // bad input; details name the fields
  kNotFound,
  kAlreadyExists,       // a duplicate code or name
  kPermissionDenied,    // authenticated but outside role or data scope
  kUnauthenticated,     // no valid session or wrong credentials
  kResourceExhausted,   // throttled, or a limit was hit
  kFailedPrecondition,  // the state does not allow it (disabled user, stale version)
  kUnavailable,         // a backend cannot be reached
  kInternal,
};

// Returns the stable snake_case name used in JSON error bodies, e.g. "invalid_argument".
const char* StatusCodeName(StatusCode code);

// One reason tied to one input field.
struct FieldError {
  std::string field;
  std::string reason;
  bool operator==(const FieldError&) const = default;
};

// A code, a human message and optional per-field details. Cheap to move.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message, std::vector<FieldError> details = {})
      : code_(code), message_(std::move(message)), details_(std::move(details)) {}

  static Status Ok() { return {}; }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  const std::vector<FieldError>& details() const { return details_; }
  std::string ToString() const;
  // Marks a status as intentionally unused.
  void IgnoreError() const {}

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
  std::vector<FieldError> details_;
};

inline Status InvalidArgument(std::string msg, std::vector<FieldError> details = {}) {
  return {StatusCode::kInvalidArgument, std::move(msg), std::move(details)};
}
inline Status NotFound(std::string msg) { return {StatusCode::kNotFound, std::move(msg)}; }
inline Status AlreadyExists(std::string msg, std::vector<FieldError> details = {}) {
  return {StatusCode::kAlreadyExists, std::move(msg), std::move(details)};
}
inline Status PermissionDenied(std::string msg) {
  return {StatusCode::kPermissionDenied, std::move(msg)};
}
inline Status Unauthenticated(std::string msg) {
  return {StatusCode::kUnauthenticated, std::move(msg)};
}
inline Status ResourceExhausted(std::string msg) {
  return {StatusCode::kResourceExhausted, std::move(msg)};
}
inline Status FailedPrecondition(std::string msg) {
  return {StatusCode::kFailedPrecondition, std::move(msg)};
}
inline Status Unavailable(std::string msg) { return {StatusCode::kUnavailable, std::move(msg)}; }
inline Status Internal(std::string msg) { return {StatusCode::kInternal, std::move(msg)}; }

// A value or the Status that explains why there is none.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}         // NOLINT(google-explicit-constructor)
  Result(Status status) : status_(std::move(status)) {  // NOLINT(google-explicit-constructor)
    assert(!status_.ok() && "Result built from an OK status has no value");
  }

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }
  T& value() & {
    assert(ok());
    return *value_;
  }
  const T& value() const& {
    assert(ok());
    return *value_;
  }
  T&& value() && {
    assert(ok());
    return std::move(*value_);
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::optional<T> value_;
  Status status_;
};

}  // namespace xiezuo

#define XIEZUO_CONCAT_INNER(a, b) a##b
#define XIEZUO_CONCAT(a, b) XIEZUO_CONCAT_INNER(a, b)

// The macros below cannot parenthesise their arguments (`lhs` is a declaration).
// NOLINTBEGIN(bugprone-macro-parentheses)
// Returns the Status from the enclosing function when `expr` is not OK.
#define RETURN_IF_ERROR(expr)                        \
  do {                                               \
    ::xiezuo::Status xiezuo_status_ = (expr);        \
    if (!xiezuo_status_.ok()) return xiezuo_status_; \
  } while (0)

// Declares `lhs` from a Result<T> expression, or returns its Status.
#define ASSIGN_OR_RETURN(lhs, expr) \
  ASSIGN_OR_RETURN_IMPL(XIEZUO_CONCAT(xiezuo_result_, __LINE__), lhs, expr)
#define ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                          \
  if (!tmp.ok()) return tmp.status();         \
  lhs = std::move(tmp).value()
// NOLINTEND(bugprone-macro-parentheses)
