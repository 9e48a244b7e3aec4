#pragma once

#include "common/Result.h"
#include "storage/CurlRequest.h"

namespace slipway::storage {

class S3Endpoint;

// What an S3 server's answer means for the person running the upload, in their words: which
// credential to check, which bucket or region is wrong, whether to try again.
class S3ErrorExplanation
{
public:
    explicit S3ErrorExplanation(const S3Endpoint& endpoint) : m_endpoint(endpoint) {}
    [[nodiscard]] Error of(const CurlRequest::Outcome& outcome, const QString& action, int attempts = 1) const;

private:
    [[nodiscard]] Error ofTransport(const CurlRequest::Outcome& outcome, const QString& action, int attempts) const;

    const S3Endpoint& m_endpoint;
};

} // namespace slipway::storage
