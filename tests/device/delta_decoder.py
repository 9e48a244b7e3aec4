"""An independent decoder of Capgo delta ("manifest") update answers, written from ../shared/spec/capgo-delta.md
("What the device does", plugin 8.51.23). It shares no code with Slipway's C++ side; tests use it to check what
Slipway publishes and installs.

    decode_manifest(answer: dict, public_key_pem: bytes | None, fetch: Callable[[str], bytes]) -> dict[str, bytes]

answer          the update answer (a dict with "manifest" and "session_key")
public_key_pem  the app's public key (PEM, PKCS#1 or SubjectPublicKeyInfo), or None for a plain bundle
fetch           returns the bytes at a download_url
Returns {target path: file bytes} for every entry. Raises ValueError naming the entry on any failure.
Uses Debian's python3-brotli and python3-cryptography.
"""
import base64
import binascii
import hashlib
import re

import brotli
from cryptography.hazmat.primitives import padding as sym_padding
from cryptography.hazmat.primitives.asymmetric import padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.serialization import load_pem_public_key

_HEX = re.compile(r"^[0-9a-fA-F]+$")
_SHA256_HEX = re.compile(r"^[0-9a-f]{64}$")


def _recover(key, block: bytes) -> bytes:
    """RSA public-decrypt of a PKCS#1 v1.5 type-1 block (no DigestInfo)."""
    if len(block) != 256:
        raise ValueError(f"a signed block is 256 bytes, got {len(block)}")
    return key.recover_data_from_signature(block, padding.PKCS1v15(), None)


def _signed_block(text: str) -> bytes:
    """The plugin's reading: hex when every character is a hex digit, base64 otherwise."""
    text = text.strip()
    if _HEX.match(text) and len(text) % 2 == 0:
        return bytes.fromhex(text)
    return base64.b64decode(text, validate=True)


def _target(file_name: str) -> str:
    target = file_name[:-3] if file_name.endswith(".br") else file_name
    parts = target.split("/")
    if not target or target.startswith("/") or "\0" in target or any(p in ("", ".", "..") for p in parts):
        raise ValueError(f"{file_name}: unsafe path (manifest_path_fail)")
    return target


def decode_manifest(answer, public_key_pem, fetch):
    key = load_pem_public_key(public_key_pem) if public_key_pem else None
    aes_key = iv = None
    if key is not None:
        session = answer.get("session_key") or ""
        if ":" not in session:
            raise ValueError("session_key missing or not iv:key (session_key_required)")
        iv_b64, wrapped_b64 = session.split(":", 1)
        try:
            iv = base64.b64decode(iv_b64, validate=True)
            aes_key = _recover(key, base64.b64decode(wrapped_b64, validate=True))
        except (ValueError, binascii.Error) as e:
            raise ValueError(f"session_key does not unwrap: {e}") from e
        if len(iv) != 16 or len(aes_key) != 16:
            raise ValueError("session_key: IV and key must be 16 bytes")
    files = {}
    for entry in answer.get("manifest") or []:
        name = entry.get("file_name", "")
        target = _target(name)
        if target in files:
            raise ValueError(f"{name}: duplicate target {target} (manifest_path_fail)")
        if key is not None:
            try:
                expected = _recover(key, _signed_block(entry["file_hash"])).hex()
            except Exception as e:  # noqa: BLE001 - any failure to verify is the entry's failure
                raise ValueError(f"{name}: signed file_hash does not verify: {e}") from e
        else:
            expected = entry.get("file_hash", "")
        if not _SHA256_HEX.match(expected):
            raise ValueError(f"{name}: file_hash is not a lowercase SHA-256")
        url = entry.get("download_url", "")
        try:
            data = fetch(url)
        except Exception as e:  # noqa: BLE001
            raise ValueError(f"{name}: download of {url} failed: {e}") from e
        if aes_key is not None:
            try:
                decryptor = Cipher(algorithms.AES(aes_key), modes.CBC(iv)).decryptor()
                padded = decryptor.update(data) + decryptor.finalize()
                unpadder = sym_padding.PKCS7(128).unpadder()
                data = unpadder.update(padded) + unpadder.finalize()
            except ValueError as e:
                raise ValueError(f"{name}: decryption failed: {e}") from e
            if not data:
                raise ValueError(f"{name}: Empty decrypted data")
        if name.endswith(".br"):
            try:
                data = brotli.decompress(data)
            except brotli.error as e:
                raise ValueError(f"{name}: brotli decoding failed: {e}") from e
        if hashlib.sha256(data).hexdigest() != expected:
            raise ValueError(f"{name}: checksum mismatch")
        files[target] = data
    return files
