// The approval workflow as the API sees it, shared by data-set forms and self-evaluations.
#include "api/submission_workflow.h"

#include <algorithm>

namespace xiezuo::api {

using model::SubmissionAction;
using nlohmann::json;

std::string RegionName(const AnalyticsService& service, const std::string& code) {
  int32_t n = service.analytics().regions().Find(code);
  return n < 0 ? std::string() : service.analytics().regions().node(n).name;
}

model::WorkflowActor WorkflowActorOf(const Principal& who, const std::string& region,
                                     const std::vector<std::string>& chain) {
  model::WorkflowActor actor;
  actor.enters = who.Can(model::perm::kDatasetEnter) && who.InScope(region);
  if (who.Can(model::perm::kDatasetApprove)) {
    actor.admin = who.user.scope_region_code.empty();
    for (size_t i = 0; i < chain.size(); ++i) {
      if (chain[i] == who.user.scope_region_code) actor.approver_level = static_cast<int>(i);
    }
  }
  return actor;
}

Result<model::WorkflowState> CheckStep(const RequestContext& ctx, const store::Submission& s,
                                       SubmissionAction action, int64_t loaded_version, bool locked,
                                       const std::string& comment) {
  if (loaded_version != s.version) {
    return FailedPrecondition("the form was changed by someone else (it is now at version " +
                              std::to_string(s.version) + ", you loaded version " +
                              std::to_string(loaded_version) + "); reload it and try again");
  }
  std::vector<std::string> chain = model::ApprovalChain(s.region_code);
  return model::Transition({s.status, s.approvals}, action, chain.size(),
                           WorkflowActorOf(ctx.principal(), s.region_code, chain), locked, comment);
}

bool ReadStepField(const std::string& name, const json& value, int64_t& version,
                   std::string& comment, std::vector<FieldError>& errors) {
  if (name == "version") {
    if (!value.is_number_integer() || value.get<int64_t>() < 0) {
      errors.push_back({"version", "the version you loaded: an integer, 0 for a new one"});
    } else {
      version = value.get<int64_t>();
    }
    return true;
  }
  if (name == "comment") {
    if (!value.is_string() && !value.is_null()) {
      errors.push_back({"comment", "must be text"});
    } else if (value.is_string()) {
      comment = value.get<std::string>();
      if (comment.size() > 2000) errors.push_back({"comment", "at most 2000 bytes"});
    }
    return true;
  }
  return false;
}

Result<json> WorkflowJson(RequestContext& ctx, const AnalyticsService& service,
                          const store::Submission& s, bool locked) {
  std::vector<std::string> chain = model::ApprovalChain(s.region_code);
  json chain_json = json::array();
  for (size_t i = 0; i < chain.size(); ++i) {
    chain_json.push_back({{"code", chain[i]},
                          {"name", RegionName(service, chain[i])},
                          {"approved", static_cast<int>(i) < s.approvals}});
  }
  model::WorkflowActor actor = WorkflowActorOf(ctx.principal(), s.region_code, chain);
  json actions = json::array();
  model::WorkflowState state{s.status, s.approvals};
  for (SubmissionAction a :
       {SubmissionAction::kSave, SubmissionAction::kSubmit, SubmissionAction::kApprove,
        SubmissionAction::kReturn, SubmissionAction::kUnapprove}) {
    if (model::Transition(state, a, chain.size(), actor, locked, "-").ok()) {
      actions.push_back(model::SubmissionActionName(a));
    }
  }
  json events = json::array();
  if (s.id != 0) {
    ASSIGN_OR_RETURN(auto trail, ctx.store().ListSubmissionEvents(s.id));
    for (const store::SubmissionEvent& e : trail) {
      events.push_back({{"at", e.at},
                        {"username", e.username},
                        {"action", e.action},
                        {"status", model::SubmissionStatusName(e.status)},
                        {"approvals", e.approvals},
                        {"comment", e.comment}});
    }
  }
  return json{{"chain", chain_json}, {"actions", actions}, {"events", events}};
}

std::string AttachmentType(std::string_view bytes, const std::string& filename) {
  std::string name = filename;
  std::transform(name.begin(), name.end(), name.begin(),
                 [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; });
  if (bytes.starts_with("%PDF-") && name.ends_with(".pdf")) return "application/pdf";
  if (bytes.starts_with(std::string_view("PK\x03\x04", 4)) && name.ends_with(".docx")) {
    return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
  }
  if (bytes.starts_with(std::string_view("\xD0\xCF\x11\xE0", 4)) && name.ends_with(".doc")) {
    return "application/msword";
  }
  if (bytes.starts_with("\x89PNG") && name.ends_with(".png")) return "image/png";
  if (bytes.starts_with("\xFF\xD8\xFF") && (name.ends_with(".jpg") || name.ends_with(".jpeg"))) {
    return "image/jpeg";
  }
  return "";
}

}  // namespace xiezuo::api
