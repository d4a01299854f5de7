// The one place that turns a Status into an HTTP status and the JSON error body
// {"error":{"code":"…","message":"…","details":[{"field":"…","reason":"…"}]}}.
#pragma once

#include "api/http/http.h"
#include "core/status.h"

namespace xiezuo::api {

int HttpStatusFor(StatusCode code);

// The response for a failed Status. kInternal and kUnavailable messages may hold backend
// text (SQL, file paths): they are logged here and replaced by a generic message.
HttpResponse ErrorResponse(const Status& status);

}  // namespace xiezuo::api
