#pragma once

#include "bundle/Preflight.h"
#include "common/SecureBytes.h"
#include "crypto/RsaKey.h"
#include "release/ReleasePlan.h"
#include "release/ReleaseResult.h"

#include <QString>

#include <optional>

namespace slipway::ui {

// The one object that travels through the release wizard: the plan the runner receives, plus what
// the pages learned on the way (the key's public half, its passphrase, the pre-flight report).
struct ReleaseDraft
{
    release::ReleasePlan plan;
    SecureBytes passphrase;   // of a protected private key; wiped with the draft
    SecureBytes tokenPin;     // of a hardware key (plan.keyPath is its PKCS#11 URI); wiped with the draft
    crypto::RsaKey publicKey; // of the signing key: key_id, fingerprint, config snippet
    QString keyLabel;
    std::optional<bundle::PreflightReport> preflight;
    qint64 resumeReleaseId = 0; // > 0: the Run page resumes this release instead of starting one
    bool demo = false;          // the one-click demo: the Run and Done pages explain each step in plain words
    std::optional<release::ReleaseResult> result;

    void reset() { *this = ReleaseDraft{}; }
};

} // namespace slipway::ui
