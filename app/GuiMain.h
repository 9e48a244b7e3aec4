#pragma once

// Starts the desktop application (the main window) and returns its exit code.
int runDesktop(int argc, char** argv);
