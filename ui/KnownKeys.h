#pragma once

#include "common/Result.h"
#include "common/SecureBytes.h"
#include "crypto/RsaKey.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

class QComboBox;

namespace slipway::history {
class History;
}

namespace slipway::ui {

// A signing key the desktop knows about: the zero-configuration default key, keys created in the
// app (DataLocation/keys/<name>/) and Capgo key files imported by path. Only public facts are read
// to list them; the private key is opened when a release needs it.
struct KnownKey
{
    QString label;
    QString privatePath;
    QString publicPath;
    bool isDefault = false;
    bool exists = false;
    bool passphraseProtected = false;
    QString keyId;
    QString fingerprint;
};

class KnownKeys
{
public:
    // The default key first (even when it will only be created by the first release).
    [[nodiscard]] static QList<KnownKey> list();
    // Describes one private or public key file (public facts only).
    [[nodiscard]] static KnownKey describe(const QString& path, const QString& label = {});
    // The .pub file beside a private key, or empty.
    [[nodiscard]] static QString publicPathFor(const QString& privatePath);
    // Reads the public half without the passphrase when a .pub file is beside it.
    [[nodiscard]] static Result<crypto::RsaKey> publicKeyFor(const QString& privatePath,
                                                             const SecureBytes& passphrase = {});
    // Creates DataLocation/keys/<name>/ with Capgo's key files (protected when `passphrase` is set).
    [[nodiscard]] static Result<KnownKey> create(const QString& name, const crypto::RsaKey& key,
                                                 const SecureBytes& passphrase);
    [[nodiscard]] static QString keysFolder();
    // How a key is named next to its key_id everywhere in the app: "key_id X (AB:CD:EF:01…)", or with
    // `full` the whole grouped fingerprint. Every RSA-2048 key_id starts with the same 12 characters.
    [[nodiscard]] static QString identity(const QString& keyId, const QString& fingerprint, bool full = false);
    // Fills a key chooser with the known keys whose public half can be read: "label — identity()",
    // the private path as item data and the fingerprint under FingerprintRole. Keeps the current choice.
    static void fillChooser(QComboBox* combo);
    static constexpr int FingerprintRole = Qt::UserRole + 1;
    // The chooser's row of the key with this fingerprint, or -1.
    [[nodiscard]] static int indexOfFingerprint(const QComboBox* combo, const QString& fingerprint);
    // Records in the history when Slipway made or took in a key, so that "Created" is the key's own
    // date, not the day it first signed a release. The label says which (see createdOn()).
    enum class Origin { Created, Imported };
    static void recordOrigin(const QString& privatePath, Origin origin);
    // When Slipway recorded creating (or importing) the key with this fingerprint: invalid when it did not.
    struct OriginDate
    {
        QDateTime at;
        Origin origin = Origin::Created;
    };
    [[nodiscard]] static std::optional<OriginDate> originOf(history::History& history, const QString& fingerprint);
    // The unprotected default key becomes DataLocation/keys/default/.capgo_key_v2.enc (+ .pub) under
    // `passphrase`; the plain file is removed. The key pair, and so what phones trust, stays the same.
    [[nodiscard]] static Result<KnownKey> protectDefaultKey(const SecureBytes& passphrase);
    // Remembers an imported key so that it is listed next time (QSettings, the path only).
    static void rememberImported(const QString& path);
};

} // namespace slipway::ui
