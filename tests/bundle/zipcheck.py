"""Independent checks of a bundle zip: a strict streaming local-header parser (what Android's
ZipInputStream needs), `unzip -t` and Python's zipfile. Each returns the entries it saw."""
import struct
import subprocess
import zipfile
import zlib

LOCAL = b"PK\x03\x04"
CENTRAL = b"PK\x01\x02"


class StrictZipError(AssertionError):
    pass


def strict_entries(path, keep_data=True):
    """Walks the zip front to back as a streaming reader does. Every local header must carry the
    final CRC and sizes (bit 3 clear), names must be UTF-8 flagged and relative, and each entry's data
    must inflate to exactly its size and CRC. Returns {name: bytes or (size, crc)}."""
    out = {}
    with open(path, "rb") as f:
        offset = 0
        while True:
            sig = f.read(4)
            if sig == CENTRAL:
                break
            if sig != LOCAL:
                raise StrictZipError(f"offset {offset}: expected a local header or the central directory, found {sig!r}")
            (version, flags, method, _time, _date, crc, csize, usize, nlen, xlen) = struct.unpack("<HHHHHIIIHH", f.read(26))
            name_raw = f.read(nlen)
            extra = f.read(xlen)
            name = name_raw.decode("utf-8")
            if flags & 0x0008:
                raise StrictZipError(f"{name}: general-purpose bit 3 set (data descriptor): Android rejects stored entries like this")
            if not flags & 0x0800:
                raise StrictZipError(f"{name}: UTF-8 name flag (bit 11) is missing")
            if flags & 0x0001:
                raise StrictZipError(f"{name}: encrypted entry")
            if method not in (0, 8):
                raise StrictZipError(f"{name}: unexpected method {method}")
            if csize == 0xFFFFFFFF or usize == 0xFFFFFFFF:
                pos = 0
                while pos + 4 <= len(extra):
                    hid, hlen = struct.unpack("<HH", extra[pos:pos + 4])
                    if hid == 1:
                        usize, csize = struct.unpack("<QQ", extra[pos + 4:pos + 20])
                    pos += 4 + hlen
            if name.startswith("/") or "\\" in name or "\x00" in name or ".." in name.split("/"):
                raise StrictZipError(f"unsafe name {name!r}")
            if name.endswith("/"):
                if csize or usize or crc:
                    raise StrictZipError(f"{name}: a folder entry with data")
            if method == 0 and csize != usize:
                raise StrictZipError(f"{name}: stored with different sizes {csize} / {usize}")
            remaining = csize
            inflater = zlib.decompressobj(-15) if method == 8 else None
            got_crc = 0
            got_size = 0
            chunks = [] if keep_data else None
            while remaining:
                block = f.read(min(remaining, 1 << 20))
                if not block:
                    raise StrictZipError(f"{name}: data cut short")
                remaining -= len(block)
                data = inflater.decompress(block) if inflater else block
                got_crc = zlib.crc32(data, got_crc)
                got_size += len(data)
                if keep_data:
                    chunks.append(data)
            if inflater:
                tail = inflater.flush()
                got_crc = zlib.crc32(tail, got_crc)
                got_size += len(tail)
                if keep_data:
                    chunks.append(tail)
                if not inflater.eof:
                    raise StrictZipError(f"{name}: the deflate stream does not end where the header says")
            if got_size != usize or got_crc != crc:
                raise StrictZipError(f"{name}: header says {usize} bytes crc {crc:08x}, data gives {got_size} crc {got_crc:08x}")
            if name in out:
                raise StrictZipError(f"{name}: duplicate entry")
            out[name] = b"".join(chunks) if keep_data else (usize, crc)
            offset = f.tell()
    return out


def unzip_test(path):
    proc = subprocess.run(["unzip", "-tq", path], capture_output=True, text=True)
    if proc.returncode != 0:
        raise AssertionError(f"unzip -t rejected {path}:\n{proc.stdout}\n{proc.stderr}")
    return proc.stdout


def python_entries(path, keep_data=True):
    with zipfile.ZipFile(path) as z:
        bad = z.testzip()
        if bad:
            raise AssertionError(f"zipfile: bad CRC in {bad}")
        out = {}
        for info in z.infolist():
            if info.flag_bits & 0x08:
                raise AssertionError(f"{info.filename}: data descriptor flag in the central directory")
            out[info.filename] = z.read(info) if keep_data else (info.file_size, info.CRC)
        return out


def check_all(path, keep_data=True):
    """Runs the three readers; they must agree. Returns the strict reader's entries."""
    strict = strict_entries(path, keep_data)
    unzip_test(path)
    py = python_entries(path, keep_data)
    if list(strict) != list(py) or strict != py:
        raise AssertionError("the streaming reader and zipfile disagree")
    return strict


def methods(path):
    with zipfile.ZipFile(path) as z:
        return {i.filename: i.compress_type for i in z.infolist()}
