#include "crypto/BlockSigner.h"

namespace slipway::crypto {

BlockSigner::~BlockSigner() = default;

} // namespace slipway::crypto
