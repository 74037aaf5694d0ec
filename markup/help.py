"""What Markdown can do on this site, said once: the edit forms of every content type show this text."""

from django.utils.translation import gettext_lazy as _

MARKDOWN_HELP = _(
    "Markdown. ## starts a section and ### a part of one (a line starting with a single # is not used: "
    "the title is the page's only top heading). *Words* in single stars are emphasised, **words** in "
    "double stars are strong. A line starting with - or 1. is a list item. [words](https://…) makes a "
    "link (web, email or phone addresses). ![what it shows](/static/images/…) shows an image from this "
    "site; images from other sites are removed. Rows of | cells | make a table. Other HTML is removed. "
    "Preview shows the page as readers will see it and lists anything the site changed."
)
