"""The enrolment QR code, drawn on the server as SVG (the `qrcode` package, pure Python).

It goes into the page as inline SVG markup: no image request, no third-party QR service, nothing the
Content Security Policy forbids (the SVG carries presentation attributes only, no style or script).
"""

import qrcode
import qrcode.constants
from django.utils.safestring import SafeString, mark_safe
from qrcode.image.svg import SvgPathFillImage

BOX_SIZE = 10  # one module of the code; the page's stylesheet scales the whole image


def qr_svg(text: str, label: str) -> SafeString:
    """`text` as a QR code in an <svg> element named `label` for assistive technology."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=BOX_SIZE, border=4)
    code.add_data(text)
    image = code.make_image(image_factory=SvgPathFillImage)
    element = image.get_image()
    element.set("role", "img")
    element.set("aria-label", str(label))
    element.set("class", "qr-code")
    # Built by the qrcode package from our own data through an XML serialiser, which escapes every
    # attribute value (the label included): safe to place in the page as it is.
    return mark_safe(image.to_string(encoding="unicode"))  # noqa: S308
