#include "cli/BuildLimitOptions.h"

#include "common/ByteSize.h"

namespace slipway::cli {

void addBuildLimitOptions(CommandLine& cl)
{
    cl.addOption({QStringLiteral("max-build-size"),
                  QStringLiteral("Largest build accepted, uncompressed (default %1; 0: no limit), e.g. 6G.")
                      .arg(humanByteSize(limits::BuildBytes)),
                  QStringLiteral("SIZE")});
    cl.addOption({QStringLiteral("max-expansion"),
                  QStringLiteral("How many times its size an archive may unpack to (default %1; 0: no limit).")
                      .arg(limits::BuildExpansionRatio),
                  QStringLiteral("RATIO")});
}

Result<bundle::BuildLimits> buildLimitOptions(const CommandLine& cl, bundle::BuildLimits base)
{
    if (cl.isSet(QStringLiteral("max-build-size"))) {
        auto size = parseByteSize(cl.value(QStringLiteral("max-build-size")));
        if (!size)
            return fail(QStringLiteral("--max-build-size: %1").arg(size.error().message), ExitUsage);
        base.maxBytes = size.value();
    }
    if (cl.isSet(QStringLiteral("max-expansion"))) {
        bool ok = false;
        const int ratio = cl.value(QStringLiteral("max-expansion")).toInt(&ok);
        if (!ok || ratio < 0)
            return fail(QStringLiteral("--max-expansion takes a whole number such as 200 (0: no limit)."), ExitUsage);
        base.maxExpansion = ratio;
    }
    return base;
}

} // namespace slipway::cli
