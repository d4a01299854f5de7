// The demo's cooperation records: the figures of the seed articles (../shared/seeds 000, 002,
// 003 and 004) entered as a county office would enter them, so the demo shows real work.
#pragma once

#include "core/status.h"
#include "store/store.h"

namespace xiezuo::cli {

// Creates the institutions, pairings and records of seed articles 000 (丹凤县–雨花台区, 2021),
// 002 (商州区–栖霞区, 2017–2020), 003 (汉滨区–武进区, 2021) and 004 (柞水县–高淳区, 2017).
// Every record is owned by the western county of its article and cites the article in its
// note ("000: 争取各类资金351.6万元"). Not idempotent: it runs once, on a database without them.
// REQUIRES: the regions of Jiangsu (32) and Shaanxi (61) are loaded.
// Errors: kInvalidArgument naming the article, kind and record that does not validate or that
// the store refuses (with the field and rule), or the institution the store refuses; other
// codes from the store.
Status CreateDemoRecords(store::Store& store, const store::Actor& actor);

}  // namespace xiezuo::cli
