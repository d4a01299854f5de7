// Status → HTTP error responses.
#include "api/errors.h"

#include <spdlog/spdlog.h>

namespace xiezuo::api {

int HttpStatusFor(StatusCode code) {
  switch (code) {
    case StatusCode::kOk:
      return 200;
    case StatusCode::kInvalidArgument:
      return 400;
    case StatusCode::kNotFound:
      return 404;
    case StatusCode::kAlreadyExists:
      return 409;
    case StatusCode::kPermissionDenied:
      return 403;
    case StatusCode::kUnauthenticated:
      return 401;
    case StatusCode::kResourceExhausted:
      return 429;
    case StatusCode::kFailedPrecondition:
      return 412;
    case StatusCode::kUnavailable:
      return 503;
    case StatusCode::kInternal:
      return 500;
  }
  return 500;
}

HttpResponse ErrorResponse(const Status& status) {
  std::string message = status.message();
  if (status.code() == StatusCode::kInternal || status.code() == StatusCode::kUnavailable) {
    spdlog::error("request failed: {}", status.ToString());
    message = status.code() == StatusCode::kInternal
                  ? "internal error; the server log has the details"
                  : "a backend is unavailable; try again later";
  }
  return JsonError(HttpStatusFor(status.code()), StatusCodeName(status.code()), message,
                   status.details());
}

}  // namespace xiezuo::api
