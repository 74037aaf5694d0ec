"""`{% filter tab_title:SITE_NAME %}…{% endfilter %}`: the <title> rule of pages/discretion.py."""

from django import template

from pages import discretion

register = template.Library()


@register.filter
def tab_title(page_title, site_name):
    return discretion.tab_title(str(page_title), str(site_name))
