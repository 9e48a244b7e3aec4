#pragma once

namespace slipway {

// Hands memory that was freed back to the system. glibc keeps freed blocks inside its per-thread arenas, so a
// step that built and dropped megabytes of small objects (a delta's file list, a JSON document) would leave them
// counted in the process's footprint for the next step to add to.
void releaseFreedMemory();

} // namespace slipway
