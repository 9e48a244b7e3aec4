#pragma once

#include <QString>

#include <utility>
#include <variant>

namespace slipway {

// A failure a release manager can read: what went wrong and, where we know it, what to do.
struct Error
{
    QString message;
    int code = 1;
};

// The outcome of a fallible call: a value or an Error, never a bare bool that callers forget.
template<typename T>
class [[nodiscard]] Result
{
public:
    Result(T value) : m_state(std::move(value)) {}
    Result(Error error) : m_state(std::move(error)) {}

    [[nodiscard]] bool ok() const { return std::holds_alternative<T>(m_state); }
    explicit operator bool() const { return ok(); }
    [[nodiscard]] T& value() & { return std::get<T>(m_state); }
    [[nodiscard]] const T& value() const& { return std::get<T>(m_state); }
    [[nodiscard]] T&& value() && { return std::get<T>(std::move(m_state)); }
    // The failure; an empty Error when the call succeeded (so diagnostics can be built unconditionally).
    [[nodiscard]] const Error& error() const
    {
        static const Error none{QString(), 0};
        const Error* e = std::get_if<Error>(&m_state);
        return e ? *e : none;
    }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }

private:
    std::variant<T, Error> m_state;
};

struct Ok
{
};

// For calls that return nothing on success.
using Status = Result<Ok>;

inline Error fail(QString message, int code = 1)
{
    return Error{std::move(message), code};
}

} // namespace slipway
