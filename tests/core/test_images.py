"""Image uploads: only real images, re-encoded and bounded; everything else refused."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from tourroute.core.errors import DataError
from tourroute.core.images import MAX_DECODED_PIXELS, reencode_image


def image_bytes(fmt: str, size: tuple[int, int] = (64, 32), mode: str = "RGB") -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, (200, 30, 30) if mode == "RGB" else None).save(out, format=fmt)
    return out.getvalue()


@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "WEBP", "GIF"])
def test_images_are_reencoded_as_png_and_scaled(fmt: str) -> None:
    result = reencode_image(image_bytes(fmt, (400, 100)), max_px=100)
    with Image.open(io.BytesIO(result)) as image:
        assert image.format == "PNG" and image.size == (100, 25)


def test_trailing_payload_and_metadata_are_dropped() -> None:
    data = image_bytes("PNG") + b"<script>alert(1)</script>"
    result = reencode_image(data, max_px=512)
    assert b"<script>" not in result


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"not an image at all",
        b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>",
        b"%PDF-1.4\n",
        image_bytes("PNG")[:40],
        image_bytes("BMP"),
        image_bytes("TIFF"),
    ],
)
def test_non_images_are_refused(data: bytes) -> None:
    with pytest.raises(DataError):
        reencode_image(data, max_px=512)


def test_too_many_pixels_are_refused_before_decoding() -> None:
    side = int(MAX_DECODED_PIXELS**0.5) + 10
    out = io.BytesIO()
    Image.new("1", (side, side)).save(out, format="PNG")
    with pytest.raises(DataError, match="too many pixels"):
        reencode_image(out.getvalue(), max_px=512)
