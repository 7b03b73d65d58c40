"""The admin's image form (WAGTAILIMAGES_IMAGE_FORM_BASE): Wagtail's, with an image field that
turns a damaged upload into a form error."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image as PILImage
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

DAMAGED = _("This image file is damaged or incomplete. Save it again from the original and upload that.")


class CheckedImageField(WagtailImageField):
    """Wagtail's field reads an upload's header and then its pixels without catching what Pillow
    raises for a file cut short in transfer: that was a 500. Here the file is decoded whole, once,
    when it is uploaded, and a failure is the field's error."""

    def to_python(self, data):
        try:
            file = super().to_python(data)
            if file is not None and hasattr(file, "seek"):
                file.seek(0)
                with PILImage.open(file) as image:
                    image.load()
                file.seek(0)
        except (OSError, SyntaxError) as error:
            raise ValidationError(DAMAGED, code="invalid_image") from error
        return file


class ImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")
        if type(field) is WagtailImageField:
            self.fields["file"] = CheckedImageField(
                label=field.label, required=field.required, widget=field.widget, initial=field.initial
            )
