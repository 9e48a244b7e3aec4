#pragma once

// Key material must never end up in a core file: no core dumps, no ptrace by other users.
void disableCoreDumps();
