#pragma once

#include "bundle/BuildSource.h"
#include "common/Result.h"
#include "crypto/SignedChecksum.h"

#include <QJsonObject>
#include <QString>

namespace slipway::release {

// What to release and where: the draft the wizard and the CLI both fill, then hand to the
// ReleaseRunner. Holds no secret (a key is referenced by its path, never embedded).
struct ReleasePlan
{
    QString appId;
    QString version;
    QString channel = QStringLiteral("production");
    QString buildSource; // build folder or CI archive
    QString keyPath;     // private key PEM or a token key's PKCS#11 URI; empty: the default key under DataLocation/keys
    crypto::ChecksumFormat checksumFormat = crypto::ChecksumFormat::V3;
    QString storageProfile;   // empty: the embedded local folder storage (DataLocation/storage)
    QString registrarProfile; // empty: the local channel manifest next to the bundles
    QString notes;            // also the manifest's `comment`
    QString link;             // optional manifest `link`
    QString minUpdateVersion;
    bool allowReRelease = false;     // release app/version/channel again although it was released before
    bool allowNewKey = false;        // sign with another key than the channel's phones expect, on purpose
    bool codeCheck = true;           // require notifyAppReady in the JavaScript, as Capgo's CLI does
    bundle::BuildLimits buildLimits; // how large the build may be (max_build_size, max_expansion)
    // > 0: "roll out to N % first": the release becomes the channel's rollout at this share of the devices
    // (MinRolloutPercent-MaxRolloutPercent) while its stable release stays; 0: it goes to every device.
    int rolloutPercent = 0;
    // Publish a delta (per-file manifest) beside the zip, for plugins that take it (self-hosted channel manifests
    // only: Capgo Cloud refuses deltas of external bundles).
    bool delta = true;
    bool deltaSkipEmpty = false; // encrypted delta without the build's empty files (otherwise: zip only, said why)
    static constexpr int MinRolloutPercent = 1;
    static constexpr int MaxRolloutPercent = 99;
    static constexpr int DefaultRolloutPercent = 10; // the wizard's suggestion

    [[nodiscard]] QJsonObject toJson() const;
    [[nodiscard]] static Result<ReleasePlan> fromJson(const QJsonObject& json);
    [[nodiscard]] static Result<ReleasePlan> fromFile(const QString& path);
    // Fields a release cannot start without; the message says which and what to do.
    [[nodiscard]] Status validate() const;
    // Why a rollout of `percent` cannot be asked of this plan (the range, a registrar other than the channel
    // manifest), or Ok; 0 (no rollout) is always fine.
    [[nodiscard]] static Status checkRollout(int percent, const QString& registrarProfile);
};

} // namespace slipway::release
