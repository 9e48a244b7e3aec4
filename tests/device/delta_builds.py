"""The ~300-file web builds of the delta end-to-end tests, and reading a folder back as {path: bytes}."""
import os


def make_build(folder, files=300):
    """~300 files: JavaScript large enough for brotli, small ones stored, incompressible media, names with spaces and
    non-ASCII letters; index.html and notifyAppReady as a release needs them."""
    rng_state = 12345

    def rnd(n):
        nonlocal rng_state
        out = bytearray()
        while len(out) < n:
            rng_state = (rng_state * 1103515245 + 12345) & 0x7FFFFFFF
            out += rng_state.to_bytes(4, "little")
        return bytes(out[:n])

    os.makedirs(folder)
    tree = {"index.html": b"<!doctype html><script src=assets/app.js></script>\n",
            "assets/app.js": b"CapacitorUpdater.notifyAppReady();\n"}
    for i in range(files - 2):
        if i % 3 == 0:
            name = f"assets/chunk {i % 7}/mod-{i}.js"
            body = "".join(f"export const v{i}_{k} = (a) => a * {k};\n" for k in range(300 + i)).encode()
        elif i % 3 == 1:
            name = f"assets/résumé-{i}.css"
            body = f".c{i} {{ color: #{i:06x}; }}\n".encode()
        else:
            name = f"media/img {i}.png"
            body = rnd(2000 + 37 * i)
        tree[name] = body
    for name, body in tree.items():
        path = os.path.join(folder, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(body)
    return tree


def read_tree(folder):
    out = {}
    for base, _dirs, files in os.walk(folder):
        for name in files:
            path = os.path.join(base, name)
            with open(path, "rb") as f:
                out[os.path.relpath(path, folder)] = f.read()
    return out
