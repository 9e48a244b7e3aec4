#pragma once

namespace slipway::storage {

// How an upload may treat its local file.
enum class SourceFile
{
    Transient,  // may be rewritten in place later: the target gets a copy
    Immutable,  // written once and never again (a new version is a new file): a folder target on the same
                // file system publishes it under a second name (a hard link) instead of copying its bytes
};

} // namespace slipway::storage
