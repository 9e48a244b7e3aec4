#include "crypto/Pkcs11Module.h"

#include "crypto/Pkcs11Errors.h"

#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QMutex>
#include <QMutexLocker>

#include <dlfcn.h>

namespace slipway::crypto {

namespace {

// Modules stay mapped for the life of the process (some, SoftHSM2 among them, do not survive dlclose
// while OpenSSL still holds their callbacks); they are finalised when the last user lets go, so a
// token plugged in later is seen by the next load.
struct LoadedModules
{
    QMutex mutex;
    QHash<QString, void*> libraries;
    QHash<QString, std::weak_ptr<Pkcs11Module>> live;
};

LoadedModules& loaded()
{
    static LoadedModules modules;
    return modules;
}

constexpr const char* ProxyModule = "p11-kit-proxy.so";

} // namespace

QString Pkcs11Module::defaultPath()
{
    const QString configured = qEnvironmentVariable("SLIPWAY_PKCS11_MODULE");
    return configured.isEmpty() ? QString::fromLatin1(ProxyModule) : configured;
}

Result<std::shared_ptr<Pkcs11Module>> Pkcs11Module::load(const QString& requested)
{
    const QString path = requested.isEmpty() ? defaultPath() : requested;
    auto& modules = loaded();
    QMutexLocker lock(&modules.mutex);
    if (auto existing = modules.live.value(path).lock())
        return existing;
    void* library = modules.libraries.value(path);
    if (!library) {
        if (path.startsWith(QLatin1Char('/')) && !QFileInfo::exists(path))
            return fail(QStringLiteral("The PKCS#11 module %1 does not exist. Install the token's module (softhsm2, "
                                       "ykcs11, opensc) or correct module-path in the key URI.")
                            .arg(path),
                        Pkcs11Errors::Module);
        library = ::dlopen(QFile::encodeName(path).constData(), RTLD_NOW | RTLD_LOCAL);
        if (!library)
            return fail(QStringLiteral("The PKCS#11 module %1 cannot be loaded: %2. Install the token's module "
                                       "(softhsm2, ykcs11, opensc, p11-kit for the proxy) or correct module-path.")
                            .arg(path, QString::fromLocal8Bit(::dlerror())),
                        Pkcs11Errors::Module);
        modules.libraries.insert(path, library);
    }
    auto getFunctionList = reinterpret_cast<CK_C_GetFunctionList>(::dlsym(library, "C_GetFunctionList"));
    CK_FUNCTION_LIST* api = nullptr;
    if (!getFunctionList || getFunctionList(&api) != CKR_OK || !api)
        return fail(QStringLiteral("%1 is not a PKCS#11 module (no C_GetFunctionList).").arg(path), Pkcs11Errors::Module);
    CK_C_INITIALIZE_ARGS args{};
    args.flags = CKF_OS_LOCKING_OK;
    const CK_RV rv = api->C_Initialize(&args);
    if (rv != CKR_OK && rv != CKR_CRYPTOKI_ALREADY_INITIALIZED)
        return fail(QStringLiteral("The PKCS#11 module %1 failed to start: %2.").arg(path, returnValueName(rv)), Pkcs11Errors::Module);
    std::shared_ptr<Pkcs11Module> module(new Pkcs11Module(path, library, api));
    modules.live.insert(path, module);
    return module;
}

Pkcs11Module::Pkcs11Module(QString path, void* library, CK_FUNCTION_LIST* api)
    : m_path(std::move(path)), m_library(library), m_api(api)
{
}

Pkcs11Module::~Pkcs11Module()
{
    QMutexLocker lock(&loaded().mutex);
    m_api->C_Finalize(nullptr);
}

Result<QList<CK_SLOT_ID>> Pkcs11Module::slotsWithToken() const
{
    CK_ULONG count = 0;
    CK_RV rv = m_api->C_GetSlotList(CK_TRUE, nullptr, &count);
    if (rv != CKR_OK)
        return fail(QStringLiteral("The PKCS#11 module %1 cannot list its slots: %2.").arg(m_path, returnValueName(rv)));
    QList<CK_SLOT_ID> slots(static_cast<qsizetype>(count));
    rv = m_api->C_GetSlotList(CK_TRUE, slots.data(), &count);
    if (rv != CKR_OK)
        return fail(QStringLiteral("The PKCS#11 module %1 cannot list its slots: %2.").arg(m_path, returnValueName(rv)));
    slots.resize(static_cast<qsizetype>(count));
    return slots;
}

Result<CK_TOKEN_INFO> Pkcs11Module::tokenInfo(CK_SLOT_ID slot) const
{
    CK_TOKEN_INFO info{};
    const CK_RV rv = m_api->C_GetTokenInfo(slot, &info);
    if (rv != CKR_OK)
        return fail(QStringLiteral("The token in slot %1 does not answer: %2.").arg(slot).arg(returnValueName(rv)));
    return info;
}

QString Pkcs11Module::paddedText(const unsigned char* field, size_t size)
{
    return QString::fromUtf8(reinterpret_cast<const char*>(field), static_cast<qsizetype>(size))
        .section(QChar(0), 0, 0)
        .trimmed();
}

bool Pkcs11Module::isTokenGone(CK_RV rv)
{
    return rv == CKR_DEVICE_REMOVED || rv == CKR_TOKEN_NOT_PRESENT || rv == CKR_DEVICE_ERROR
           || rv == CKR_SESSION_HANDLE_INVALID || rv == CKR_SESSION_CLOSED || rv == CKR_TOKEN_NOT_RECOGNIZED
           || rv == CKR_SLOT_ID_INVALID || rv == CKR_USER_NOT_LOGGED_IN;
}

QString Pkcs11Module::returnValueName(CK_RV rv)
{
    switch (rv) {
    case CKR_OK: return QStringLiteral("CKR_OK");
    case CKR_GENERAL_ERROR: return QStringLiteral("CKR_GENERAL_ERROR");
    case CKR_FUNCTION_FAILED: return QStringLiteral("CKR_FUNCTION_FAILED");
    case CKR_ARGUMENTS_BAD: return QStringLiteral("CKR_ARGUMENTS_BAD");
    case CKR_ATTRIBUTE_VALUE_INVALID: return QStringLiteral("CKR_ATTRIBUTE_VALUE_INVALID");
    case CKR_DATA_LEN_RANGE: return QStringLiteral("CKR_DATA_LEN_RANGE");
    case CKR_DEVICE_ERROR: return QStringLiteral("CKR_DEVICE_ERROR");
    case CKR_DEVICE_MEMORY: return QStringLiteral("CKR_DEVICE_MEMORY");
    case CKR_DEVICE_REMOVED: return QStringLiteral("CKR_DEVICE_REMOVED");
    case CKR_KEY_HANDLE_INVALID: return QStringLiteral("CKR_KEY_HANDLE_INVALID");
    case CKR_KEY_TYPE_INCONSISTENT: return QStringLiteral("CKR_KEY_TYPE_INCONSISTENT");
    case CKR_KEY_FUNCTION_NOT_PERMITTED: return QStringLiteral("CKR_KEY_FUNCTION_NOT_PERMITTED");
    case CKR_MECHANISM_INVALID: return QStringLiteral("CKR_MECHANISM_INVALID");
    case CKR_OPERATION_ACTIVE: return QStringLiteral("CKR_OPERATION_ACTIVE");
    case CKR_PIN_INCORRECT: return QStringLiteral("CKR_PIN_INCORRECT");
    case CKR_PIN_INVALID: return QStringLiteral("CKR_PIN_INVALID");
    case CKR_PIN_LEN_RANGE: return QStringLiteral("CKR_PIN_LEN_RANGE");
    case CKR_PIN_EXPIRED: return QStringLiteral("CKR_PIN_EXPIRED");
    case CKR_PIN_LOCKED: return QStringLiteral("CKR_PIN_LOCKED");
    case CKR_SESSION_CLOSED: return QStringLiteral("CKR_SESSION_CLOSED");
    case CKR_SESSION_HANDLE_INVALID: return QStringLiteral("CKR_SESSION_HANDLE_INVALID");
    case CKR_SLOT_ID_INVALID: return QStringLiteral("CKR_SLOT_ID_INVALID");
    case CKR_TEMPLATE_INCOMPLETE: return QStringLiteral("CKR_TEMPLATE_INCOMPLETE");
    case CKR_TEMPLATE_INCONSISTENT: return QStringLiteral("CKR_TEMPLATE_INCONSISTENT");
    case CKR_TOKEN_NOT_PRESENT: return QStringLiteral("CKR_TOKEN_NOT_PRESENT");
    case CKR_TOKEN_NOT_RECOGNIZED: return QStringLiteral("CKR_TOKEN_NOT_RECOGNIZED");
    case CKR_TOKEN_WRITE_PROTECTED: return QStringLiteral("CKR_TOKEN_WRITE_PROTECTED");
    case CKR_USER_ALREADY_LOGGED_IN: return QStringLiteral("CKR_USER_ALREADY_LOGGED_IN");
    case CKR_USER_NOT_LOGGED_IN: return QStringLiteral("CKR_USER_NOT_LOGGED_IN");
    case CKR_USER_PIN_NOT_INITIALIZED: return QStringLiteral("CKR_USER_PIN_NOT_INITIALIZED");
    case CKR_USER_TYPE_INVALID: return QStringLiteral("CKR_USER_TYPE_INVALID");
    case CKR_CRYPTOKI_NOT_INITIALIZED: return QStringLiteral("CKR_CRYPTOKI_NOT_INITIALIZED");
    default: return QStringLiteral("PKCS#11 error 0x%1").arg(static_cast<qulonglong>(rv), 0, 16);
    }
}

} // namespace slipway::crypto
