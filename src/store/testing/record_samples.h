// Test helpers for cooperation records: a valid sample record of any kind, in the small
// region tree of SampleRegions (丹凤县 611022 paired with 雨花台区 320114). For tests only.
#pragma once

#include <cstdint>

#include "model/record.h"

namespace xiezuo::store::testing {

// Ids the sample records refer to (0 leaves the reference out where it is optional).
struct SampleRefs {
  int64_t pairing_id = 0;
  int64_t project_id = 0;
  int64_t plan_id = 0;
};

// A record of `kind` that passes model::ValidateRecord, in region 611022 (a pairing: 雨花台区
// with 丹凤县, owned by 丹凤县). `n` varies the codes and names, so samples differ.
// REQUIRES: refs holds the parent a child kind needs.
model::Record SampleRecord(const model::RecordKind& kind, const SampleRefs& refs, int n = 1);

}  // namespace xiezuo::store::testing
