"""Forges zip files byte by byte, with the damage a phone's unzip must catch (tests only).

Each entry is a dict:
  name        str or bytes (bytes are written as they are)
  data        the plain content (bytes or str)
  method      0 (stored), 8 (deflated, the default) or any other number (the data is then written as is)
  flags       general-purpose flags OR'ed in (1 = encrypted); 0x0800 (UTF-8) is set for non-ASCII str names
  utf8        False to leave the UTF-8 flag off even for a non-ASCII name
  descriptor  True: bit 3 set, zeros in the local header, a signed data descriptor after the data
  crc         a CRC-32 to write instead of the real one (local header, descriptor and central directory)
  local       overrides for the local header only: crc, csize, usize, name, method
  central     overrides for the central directory only: crc, csize, usize, name, method, offset
  truncate    keep only this many bytes of the stored/compressed data (the headers still claim it all)
  unix_mode   st_mode stored in the external attributes (e.g. 0o120777 for a symbolic link)
forge_zip(entries, prefix=b"", gap_after=None) -> bytes; `gap_after` puts junk bytes after that entry index.
"""
import struct
import zlib

LOCAL = 0x04034B50
CENTRAL = 0x02014B50
END = 0x06054B50
DESCRIPTOR = 0x08074B50
DOS_DATE = 0x0021  # 1980-01-01


def _deflate(data):
    compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush()


def forge_zip(entries, prefix=b"", gap_after=None):
    out = bytearray(prefix)
    central = bytearray()
    for index, e in enumerate(entries):
        name = e["name"]
        raw_name = name if isinstance(name, bytes) else name.encode("utf-8")
        data = e.get("data", b"")
        data = data.encode() if isinstance(data, str) else data
        method = e.get("method", 8)
        payload = _deflate(data) if method == 8 else data
        flags = e.get("flags", 0)
        if isinstance(name, str) and not name.isascii() and e.get("utf8", True):
            flags |= 0x0800
        if e.get("descriptor"):
            flags |= 0x0008
        crc = e.get("crc", zlib.crc32(data) & 0xFFFFFFFF)
        real = {"crc": crc, "csize": len(payload), "usize": len(data), "name": raw_name, "method": method}
        local = dict(real, **e.get("local", {}))
        if e.get("descriptor"):
            local.update(crc=0, csize=0, usize=0)
        offset = len(out)
        out += struct.pack("<IHHHHHIIIHH", LOCAL, 20, flags, local["method"], 0, DOS_DATE, local["crc"], local["csize"],
                           local["usize"], len(local["name"]), 0)
        out += local["name"]
        out += payload[: e["truncate"]] if "truncate" in e else payload
        if e.get("descriptor"):
            out += struct.pack("<IIII", DESCRIPTOR, crc, len(payload), len(data))
        if gap_after == index:
            out += b"JUNK" * 8
        cent = dict(real, offset=offset, **e.get("central", {}))
        mode = e.get("unix_mode", 0o40755 if raw_name.endswith(b"/") else 0o100644)
        central += struct.pack("<IHHHHHHIIIHHHHHII", CENTRAL, 0x031E, 20, flags, cent["method"], 0, DOS_DATE, cent["crc"],
                               cent["csize"], cent["usize"], len(cent["name"]), 0, 0, 0, 0, (mode << 16) & 0xFFFFFFFF,
                               cent["offset"])
        central += cent["name"]
    directory_offset = len(out)
    out += central
    out += struct.pack("<IHHHHIIH", END, 0, 0, len(entries), len(entries), len(central), directory_offset, 0)
    return bytes(out)


def write_zip(path, entries, **kw):
    with open(path, "wb") as f:
        f.write(forge_zip(entries, **kw))
    return path
