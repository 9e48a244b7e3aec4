#include "storage/S3ErrorExplanation.h"

#include "storage/S3Endpoint.h"

namespace slipway::storage {

namespace {

bool isUnreachable(int curlCode)
{
    // CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_CONNECT, CURLE_OPERATION_TIMEDOUT, CURLE_SSL_CONNECT_ERROR
    return curlCode == 6 || curlCode == 7 || curlCode == 28 || curlCode == 35;
}

QString afterAttempts(int attempts)
{
    return attempts > 1 ? QStringLiteral(" after %1 attempts").arg(attempts) : QString();
}

} // namespace

Error S3ErrorExplanation::ofTransport(const CurlRequest::Outcome& outcome, const QString& action, int attempts) const
{
    const QString endpoint = m_endpoint.location().endpoint.toString(QUrl::RemoveUserInfo);
    if (isUnreachable(outcome.curlCode))
        return fail(QStringLiteral("Cannot reach the S3 endpoint %1%2 (%3). Check the endpoint URL, the network and "
                                   "that the server is running.")
                        .arg(endpoint, afterAttempts(attempts), outcome.curlError));
    return fail(QStringLiteral("The connection to %1 failed while trying to %2%3: %4.")
                    .arg(m_endpoint.describe(), action, afterAttempts(attempts), outcome.curlError));
}

Error S3ErrorExplanation::of(const CurlRequest::Outcome& outcome, const QString& action, int attempts) const
{
    if (outcome.cancelled)
        return fail(QStringLiteral("Cancelled while trying to %1.").arg(action));
    if (outcome.transportFailed())
        return ofTransport(outcome, action, attempts);
    const QString where = m_endpoint.describe();
    const S3Location& location = m_endpoint.location();
    const StorageSecrets& secrets = m_endpoint.secrets();
    const QString code = S3Endpoint::xmlValue(outcome.body, "Code");
    const QString serverMessage = S3Endpoint::xmlValue(outcome.body, "Message");
    const bool inKeychain = secrets.source == QLatin1String("keychain");
    const QString secretSource = inKeychain ? QStringLiteral("the secret stored in the keychain for profile '%1'").arg(m_endpoint.profileName())
                                            : QStringLiteral("AWS_SECRET_ACCESS_KEY");
    const QString keySource = inKeychain ? QStringLiteral("the access key stored in the keychain for profile '%1'").arg(m_endpoint.profileName())
                                         : QStringLiteral("AWS_ACCESS_KEY_ID");
    if (code == QLatin1String("SignatureDoesNotMatch"))
        return fail(QStringLiteral("The S3 server rejected the request signature (SignatureDoesNotMatch): the secret access "
                                   "key is wrong for access key ID '%1'. Check %2.")
                        .arg(secrets.accessKeyId, secretSource));
    if (code == QLatin1String("InvalidAccessKeyId"))
        return fail(QStringLiteral("The S3 server does not know the access key ID '%1' (InvalidAccessKeyId). Check %2.")
                        .arg(secrets.accessKeyId, keySource));
    if (code == QLatin1String("NoSuchBucket"))
        return fail(QStringLiteral("The bucket '%1' does not exist on %2 (NoSuchBucket). Create it or fix the s3:// URL.")
                        .arg(location.bucket, location.endpoint.toString(QUrl::RemoveUserInfo)));
    if (code == QLatin1String("AccessDenied") || code == QLatin1String("AllAccessDisabled"))
        return fail(QStringLiteral("Access denied (AccessDenied) while trying to %1 on %2: the credentials are valid but lack "
                                   "permission for this bucket or key. Ask for s3:PutObject, s3:GetObject, s3:DeleteObject "
                                   "and the multipart permissions on it.")
                        .arg(action, where));
    if (code == QLatin1String("RequestTimeTooSkewed"))
        return fail(QStringLiteral("The S3 server refused the request because this computer's clock is off (RequestTimeTooSkewed): "
                                   "set the clock right and try again."));
    if (code == QLatin1String("AuthorizationHeaderMalformed") || code == QLatin1String("PermanentRedirect"))
        return fail(QStringLiteral("The bucket '%1' is in another region than '%2' (%3: %4). Set region= in the s3:// URL.")
                        .arg(location.bucket, location.region, code, serverMessage));
    if (code == QLatin1String("XAmzContentSHA256Mismatch") || code == QLatin1String("BadDigest") || code == QLatin1String("InvalidDigest"))
        return fail(QStringLiteral("The bytes that reached %1 are not the ones hashed before sending (%2): the server refused "
                                   "them while trying to %3. The file changed during the upload, or something between here "
                                   "and the server damages data; nothing was published.")
                        .arg(where, code, action));
    if (code == QLatin1String("NoSuchKey") || (outcome.status == 404 && code.isEmpty()))
        return fail(QStringLiteral("Not found while trying to %1 on %2 (HTTP 404).").arg(action, where));
    if (outcome.status == 403)
        return fail(QStringLiteral("The S3 server refused to %1 on %2 (HTTP 403%3): check the access key, the secret and the "
                                   "bucket permissions.")
                        .arg(action, where, code.isEmpty() ? QString() : QStringLiteral(" ") + code));
    return fail(QStringLiteral("The S3 server could not %1 on %2 (HTTP %3%4%5)%6.")
                    .arg(action, where)
                    .arg(outcome.status)
                    .arg(code.isEmpty() ? QString() : QStringLiteral(" ") + code,
                         serverMessage.isEmpty() ? QString() : QStringLiteral(": ") + serverMessage, afterAttempts(attempts)));
}

} // namespace slipway::storage
