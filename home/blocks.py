"""Body blocks shared by every kind of page. Declared once; news and partnerships reuse them."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock

from home.images import BODY_FILTERS, serialize_image

RICH_TEXT_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]


class CaptionedImageBlock(blocks.StructBlock):
    """A photo with its alt text (or a decorative flag), a caption and a credit."""

    image = ImageBlock(
        label=_("Image"),
        help_text=_(
            "Describe what the photo shows for readers who cannot see it, or tick "
            "'decorative' if it adds nothing to the text."
        ),
    )
    caption = blocks.CharBlock(
        required=False,
        max_length=500,
        label=_("Caption"),
        help_text=_("Shown under the photo, e.g. 'Picture commentary: the first class ...'."),
    )
    credit = blocks.CharBlock(
        required=False,
        max_length=200,
        label=_("Photo credit"),
        help_text=_("Who took the photo, if it should be named."),
    )

    class Meta:
        icon = "image"
        label = _("Captioned image")
        # What a collapsed block shows, so the editor can tell one photo from another.
        label_format = "{caption}"

    def get_api_representation(self, value, context=None):
        # ImageBlock's value is the Image, carrying the alt text chosen for this use of it.
        image = value.get("image")
        return {
            "image": serialize_image(
                image,
                alt_text=getattr(image, "contextual_alt_text", ""),
                decorative=getattr(image, "decorative", False),
                filters=BODY_FILTERS,
            ),
            "caption": value.get("caption") or "",
            "credit": value.get("credit") or "",
        }


class ImageGalleryBlock(blocks.StructBlock):
    """Several photos shown side by side, with an optional caption for the whole row."""

    images = blocks.ListBlock(CaptionedImageBlock(), min_num=2, max_num=12, label=_("Images"))
    caption = blocks.CharBlock(
        required=False,
        max_length=500,
        label=_("Caption for the row"),
        help_text=_("One caption for all the photos, when they illustrate the same moment."),
    )

    class Meta:
        icon = "image"
        label = _("Row of images")


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(
        required=False, max_length=200, label=_("Attribution"), help_text=_("Who said it, and their role.")
    )

    class Meta:
        icon = "openquote"
        label = _("Quote")


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(
        label=_("Video link"),
        help_text=_("The address of the video's page (for example on a video platform)."),
    )
    caption = blocks.CharBlock(required=False, max_length=500, label=_("Caption"))

    class Meta:
        icon = "media"
        label = _("Embedded video")


class BodyBlock(blocks.StreamBlock):
    """The body of articles, partnerships and courses."""

    paragraph = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES,
        label=_("Paragraph"),
        icon="pilcrow",
        help_text=_("Text with headings, lists, links, bold and italic."),
    )
    image = CaptionedImageBlock()
    gallery = ImageGalleryBlock()
    quote = QuoteBlock()
    video = VideoBlock()

    class Meta:
        label = _("Body")


class PrinciplesBlock(blocks.StreamBlock):
    principle = blocks.CharBlock(max_length=200, label=_("Principle"), icon="tick")

    class Meta:
        label = _("Guiding principles")
