// What data-set forms and assessment self-evaluations share: both are submissions that go up the
// approval chain (county submits, city approves, province approves), so the caller's part in
// that chain, the checks of one step, the chain/actions/events the pages show, and the files
// attached to them are worked out here once.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "api/analytics_service.h"
#include "api/app.h"
#include "model/dataset.h"
#include "store/store.h"

namespace xiezuo::api {

// The name of a region of the analytics tree, or "" for an unknown code.
std::string RegionName(const AnalyticsService& service, const std::string& code);

// What the caller is to the workflow of a submission of `region` with approval `chain`.
model::WorkflowActor WorkflowActorOf(const Principal& who, const std::string& region,
                                     const std::vector<std::string>& chain);

// The state `action` leads `s` to, when the caller loaded version `loaded_version` of it and
// may take the step. Errors: kFailedPrecondition (someone changed it meanwhile, or the state
// refuses the step), kPermissionDenied, kInvalidArgument (a return without a comment).
Result<model::WorkflowState> CheckStep(const RequestContext& ctx, const store::Submission& s,
                                       model::SubmissionAction action, int64_t loaded_version,
                                       bool locked, const std::string& comment);

// Reads the workflow part of a save's or a step's JSON body: "version" (the one the caller
// loaded, 0 for a new one) into `version`, "comment" (a return's reason, at most 2000 bytes)
// into `comment`; a bad one adds its error. Returns false for any other name.
bool ReadStepField(const std::string& name, const nlohmann::json& value, int64_t& version,
                   std::string& comment, std::vector<FieldError>& errors);

// {"chain": [{code, name, approved}], "actions": [what the caller may do now], "events": [the
// trail, oldest first]} of `s` (not stored yet when s.id is 0).
Result<nlohmann::json> WorkflowJson(RequestContext& ctx, const AnalyticsService& service,
                                    const store::Submission& s, bool locked);

// The largest attached file: 20 MB.
inline constexpr size_t kMaxAttachmentBytes = size_t{20} << 20;

// The content type of an attached file sniffed from its first bytes — PDF, Word (.docx, .doc)
// or an image (.png, .jpg) — when its name says the same; "" otherwise.
std::string AttachmentType(std::string_view bytes, const std::string& filename);

}  // namespace xiezuo::api
