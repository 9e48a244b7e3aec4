#pragma once

#include "common/Result.h"

#include <functional>

namespace slipway::history {

class HistoryDatabase;

// The history's tables and their forward migrations, recorded in schema_version. Opening brings an older
// history up to date in one write transaction; a newer one is refused.
class HistorySchema
{
public:
    static constexpr int Version = 8;

    explicit HistorySchema(HistoryDatabase& db) : m_db(db) {}

    // `abandonDuplicateClaims` runs inside an upgrade from before schema 3, once the other migrations are applied
    // and before the claim's UNIQUE index is created: it settles the releases that an older Slipway let hold the
    // same claim.
    [[nodiscard]] Status migrate(const std::function<Status()>& abandonDuplicateClaims);

private:
    [[nodiscard]] Error newerSchemaError(int version) const;
    // From schema 7: release_search filled and kept by triggers; on PostgreSQL its trigram index (pg_trgm).
    [[nodiscard]] Status keepSearchedText();
    void indexSearchedText();

    HistoryDatabase& m_db;
};

} // namespace slipway::history
