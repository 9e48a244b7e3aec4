#pragma once

namespace slipway {

// Hands memory that was freed back to the system. glibc keeps freed blocks inside its per-thread arenas, so a
// step that built and dropped megabytes of small objects (a delta's file list, a JSON document) would leave them
// counted in the process's footprint for the next step to add to.
void releaseFreedMemory();

// The allocator policy of a process that packages and verifies bundles; call it once, first thing in main(). Buffers
// of up to 8 MiB come from the heap rather than from fresh mappings of their own (a page fault per 4 KiB, and a TLB
// flush on every core when unmapped), and glibc no longer moves that threshold by itself. The heap's top still goes
// back to the system when freed: code that makes a buffer per chunk or per file keeps and reuses it instead.
void useHeapForFileBuffers();

} // namespace slipway
