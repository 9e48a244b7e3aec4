#pragma once

#include "bundle/BuildSource.h"
#include "cli/CliSupport.h"

namespace slipway::cli {

// --max-build-size and --max-expansion, for every command that reads a build (bundle preflight,
// bundle zip, release).
void addBuildLimitOptions(CommandLine& cl);
// `base` with what the command line changes; an error (a usage error) when a value does not parse.
[[nodiscard]] Result<bundle::BuildLimits> buildLimitOptions(const CommandLine& cl, bundle::BuildLimits base = {});

} // namespace slipway::cli
