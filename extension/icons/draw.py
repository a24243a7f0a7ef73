"""Draws Rapport's toolbar icons (two overlapping circles: two people meeting) as PNGs.

Run `python3 draw.py` here; the PNGs are committed, so builds do not need Python.
"""
import struct
import zlib

BLUE = (29, 155, 240)
WHITE = (255, 255, 255)


def pixel(x, y, n):
    """Colour and coverage at (x, y) in a unit square of side n."""
    u, v = x / n, y / n
    r = 0.22  # corner radius of the rounded square
    cx, cy = min(max(u, r), 1 - r), min(max(v, r), 1 - r)
    if (u - cx) ** 2 + (v - cy) ** 2 > r * r:
        return None
    for ox in (0.38, 0.62):
        if (u - ox) ** 2 + (v - 0.5) ** 2 <= 0.2 ** 2 and not (u - ox) ** 2 + (v - 0.5) ** 2 <= 0.13 ** 2:
            return WHITE
    return BLUE


def png(n, path, ss=4):
    rows = []
    for y in range(n):
        row = bytearray([0])
        for x in range(n):
            acc = [0, 0, 0, 0]
            for sy in range(ss):
                for sx in range(ss):
                    c = pixel(x + (sx + 0.5) / ss, y + (sy + 0.5) / ss, n)
                    if c:
                        acc[0] += c[0]; acc[1] += c[1]; acc[2] += c[2]; acc[3] += 1
            k = acc[3]
            row += bytes([acc[0] // k, acc[1] // k, acc[2] // k, 255 * k // (ss * ss)]) if k else bytes(4)
        rows.append(bytes(row))
    raw = zlib.compress(b"".join(rows), 9)

    def chunk(t, d):
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xFFFFFFFF)

    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", n, n, 8, 6, 0, 0, 0))
                + chunk(b"IDAT", raw) + chunk(b"IEND", b""))


for size in (16, 32, 48, 128):
    png(size, f"icon-{size}.png")
