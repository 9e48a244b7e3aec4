#pragma once

#include "common/Result.h"

#include <QIODevice>
#include <QSaveFile>
#include <QString>

namespace slipway::bundle {

// A bundle file written atomically (QSaveFile: nothing is left on failure or cancel) through its file
// descriptor, so a failed write says why. Qt reports a write cut short by a full disk as "Unknown
// error"; here it reads "No space left on device", with the folder named and what to do.
class OutputFile final : public QIODevice
{
public:
    explicit OutputFile(const QString& path);
    ~OutputFile() override;
    OutputFile(const OutputFile&) = delete;
    OutputFile& operator=(const OutputFile&) = delete;

    // Fails when the folder is missing, the path is a folder, or the file cannot be created.
    [[nodiscard]] Status start();
    [[nodiscard]] Status commit();
    void cancel();
    [[nodiscard]] bool isSequential() const override { return true; }
    // The full message when a write failed, empty otherwise.
    [[nodiscard]] const QString& failure() const { return m_failure; }

    // Writes everything to `fd`; `what` names the file in the message ("the bundle out/1.0.0.zip"),
    // `elsewhere` is the way out when the disk is full ("write the bundle to another folder").
    [[nodiscard]] static Status writeAll(int fd, const char* data, qint64 size, const QString& what,
                                         const QString& folder, const QString& elsewhere);
    [[nodiscard]] static QString writeFailure(const QString& what, const QString& folder, int error,
                                              const QString& elsewhere);

protected:
    qint64 readData(char* /*data*/, qint64 /*maxSize*/) override { return -1; }
    qint64 writeData(const char* data, qint64 size) override;

private:
    QSaveFile m_file;
    QString m_failure;
};

} // namespace slipway::bundle
