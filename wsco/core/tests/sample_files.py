"""Files for upload tests: real pictures and PDFs, and hostile ones made from them."""

import io
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from pypdf import PdfWriter
from pypdf.generic import DictionaryObject, NameObject, TextStringObject

SCRIPT = b"<script>alert(document.domain)</script>"


def image_bytes(size=(40, 30), mode="RGB", format="PNG", **save) -> bytes:
    output = io.BytesIO()
    Image.new(mode, size, color=(200, 30, 60) if mode == "RGB" else None).save(
        output, format=format, **save
    )
    return output.getvalue()


def pdf_bytes(pages: int = 1, *, javascript: str = "") -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=200, height=200)
    if javascript:
        action = DictionaryObject(
            {
                NameObject("/S"): NameObject("/JavaScript"),
                NameObject("/JS"): TextStringObject(javascript),
            }
        )
        writer.root_object[NameObject("/OpenAction")] = writer._add_object(action)
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def upload(content: bytes, name: str, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_declaring(width: int, height: int, *, rows: int = 0) -> bytes:
    """Return a PNG whose header declares `width` x `height` one-bit pixels; `rows` blank rows of
    pixel data follow, compressed (all of them: a decompression bomb)."""
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    compressor = zlib.compressobj(9)
    row = b"\0" * (1 + (width + 7) // 8)  # The filter byte, then the packed pixels.
    data = b"".join(compressor.compress(row) for _ in range(rows)) + compressor.flush()
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", data)
        + _png_chunk(b"IEND", b"")
    )


def jpeg_with_gps() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "SpyCam Inc."  # Make
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "N", (44.0, 25.0, 36.0)  # 44°25'36" N: Bucharest
    gps[3], gps[4] = "E", (26.0, 6.0, 12.0)
    return image_bytes((64, 48), format="JPEG", exif=exif.tobytes())


def csv_bytes(encoding: str = "utf-8-sig") -> bytes:
    """Return a small CSV table of base values, with accented names, in `encoding`."""
    text = 'variable,value,source\r\npopulation,"300,000",Zürich census\r\nlabour_force,1,Café\r\n'
    return text.encode(encoding)


def xlsx_bytes(*, macros: bool = False, external_link: bool = False, rows=None) -> bytes:
    """Return an XLSX workbook made by openpyxl; `macros` and `external_link` add those parts."""
    import zipfile

    from openpyxl import Workbook

    workbook = Workbook()
    for row in rows or [["variable", "value"], ["population", 300000]]:
        workbook.active.append(row)
    output = io.BytesIO()
    workbook.save(output)
    if not (macros or external_link):
        return output.getvalue()
    with zipfile.ZipFile(output, "a") as archive:
        if macros:
            archive.writestr("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0" + b"\0" * 60)
        if external_link:
            archive.writestr("xl/externalLinks/externalLink1.xml", b"<externalLink/>")
    return output.getvalue()


def zip_bomb(size: int) -> bytes:
    """Return a workbook's skeleton with a part of `size` zeros (a few kB: a zip bomb)."""
    import zipfile

    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zipped:
        if size > 1000:
            zipped.writestr("[Content_Types].xml", b"<Types/>")
            zipped.writestr("xl/workbook.xml", b"<workbook/>")
        zipped.writestr("xl/worksheets/sheet1.xml", b"\0" * size)
    return output.getvalue()
