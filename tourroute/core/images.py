"""Uploaded images: accept only real raster images, and never store the bytes as sent.

Re-encoding drops whatever rode along in the upload (metadata, trailing scripts, polyglot
payloads) and bounds the stored size; decoding with a pixel cap stops decompression bombs
before they are expanded.
"""

from __future__ import annotations

import io
import warnings

from PIL import Image, ImageOps, UnidentifiedImageError

from tourroute.core.errors import DataError

#: Formats accepted on the way in; everything is stored as PNG (lossless, no metadata).
ACCEPTED_FORMATS = frozenset({"PNG", "JPEG", "WEBP", "GIF"})
#: Pixels a decoded image may have at most, whatever ``max_px`` asks; bigger is refused.
MAX_DECODED_PIXELS = 40_000_000


def _decoded(data: bytes) -> Image.Image:
    """The upload decoded to RGB(A) pixels, refusing what is not an accepted raster image."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                if image.format not in ACCEPTED_FORMATS:
                    raise DataError("Upload a PNG, JPEG, WebP or GIF image.", field="image")
                width, height = image.size
                if width * height > MAX_DECODED_PIXELS:
                    raise DataError("The image has too many pixels.", field="image")
                image.load()
                # A camera's EXIF orientation is applied to the pixels, since EXIF is dropped.
                upright = ImageOps.exif_transpose(image) or image
                return upright.convert("RGBA" if _has_alpha(image) else "RGB")
    except (UnidentifiedImageError, Image.DecompressionBombWarning, Image.DecompressionBombError):
        raise DataError("Upload a PNG, JPEG, WebP or GIF image.", field="image") from None
    except (OSError, SyntaxError, ValueError) as exc:
        raise DataError(f"The image is damaged ({exc}).", field="image") from None


def reencode_image(data: bytes, *, max_px: int) -> bytes:
    """A PNG of the uploaded image, scaled down so that neither side exceeds ``max_px``.

    Raises
    ------
    DataError
        When ``data`` is not a PNG, JPEG, WebP or GIF image, or is larger than
        ``MAX_DECODED_PIXELS`` pixels.
    """
    if max_px < 1:
        raise ValueError("max_px must be positive")
    converted = _decoded(data)
    converted.thumbnail((max_px, max_px))
    out = io.BytesIO()
    converted.save(out, format="PNG", optimize=True)
    return out.getvalue()


def reencode_photo(data: bytes, *, max_px: int, quality: int = 85) -> tuple[bytes, int, int]:
    """A JPEG of an uploaded photo (no metadata, transparency flattened on white), scaled so
    that neither side exceeds ``max_px``, with its width and height.

    A photograph is stored as JPEG, not PNG: lossless PNG makes a photo five to ten times
    larger for no visible gain. Raises :class:`DataError` as :func:`reencode_image` does.
    """
    if max_px < 1:
        raise ValueError("max_px must be positive")
    decoded = _decoded(data)
    decoded.thumbnail((max_px, max_px))
    if decoded.mode == "RGBA":
        flat = Image.new("RGB", decoded.size, (255, 255, 255))
        flat.paste(decoded, mask=decoded.getchannel("A"))
        decoded = flat
    out = io.BytesIO()
    decoded.save(out, format="JPEG", quality=quality, optimize=True)
    return out.getvalue(), decoded.width, decoded.height


def _has_alpha(image: Image.Image) -> bool:
    return image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
