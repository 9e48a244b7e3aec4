#pragma once

namespace slipway::crypto::Pkcs11Errors {

// Error codes of hardware-key failures (also the CLI's exit status), so callers can tell them apart.
// Kept clear of the codes the release runner gives a meaning (5 refused, 130 cancelled).
inline constexpr int Usage = 2;
inline constexpr int Module = 20;    // the PKCS#11 module is missing or broken
inline constexpr int NoToken = 21;   // no token (or the named one is not plugged in)
inline constexpr int TokenGone = 21; // the token went away mid-operation
inline constexpr int PinNeeded = 22; // no PIN available
inline constexpr int WrongPin = 22;  // wrong or locked PIN (tried once, never retried)
inline constexpr int NoKey = 23;     // no key, or not a key Capgo can use
inline constexpr int Ambiguous = 2;  // the URI names two tokens or two keys

} // namespace slipway::crypto::Pkcs11Errors
