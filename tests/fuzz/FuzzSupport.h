#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QTemporaryDir>

#include <cstddef>
#include <cstdint>

// libFuzzer hands raw bytes; Qt needs an application object for some classes.
inline QByteArray fuzzBytes(const uint8_t* data, size_t size)
{
    static int argc = 1;
    static char name[] = "fuzz";
    static char* argv[] = {name, nullptr};
    static QCoreApplication* app = QCoreApplication::instance() ? nullptr : new QCoreApplication(argc, argv);
    (void)app;
    return QByteArray(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
}

// A scratch folder that lives for the whole fuzzing run.
inline const QTemporaryDir& fuzzScratch()
{
    static QTemporaryDir dir;
    return dir;
}
