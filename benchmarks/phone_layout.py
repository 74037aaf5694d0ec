"""Figures for reading on a phone and by keyboard, measured in Debian's chromium against production gunicorn.

Prints, at 360 px wide (a common small phone): each page's height, the header's rows, the tallest
tag list on a card, the crisis links' tap size and whether the focused skip link overlaps the exit;
at 1280 px: the compare table's width and its tallest row; on every page type, how many focusable
elements fail 4.5:1 text contrast when focused. `python -m benchmarks.phone_layout` (or
`make bench`). Figures only, no targets: the browser tests in tests/browser/ hold the rules.
"""

import shutil
import sys
import tempfile
from pathlib import Path

from benchmarks.server import Gunicorn, prepare_site, production_env

CHROMIUM = "/usr/bin/chromium"
PHONE = {"width": 360, "height": 800}
DESKTOP = {"width": 1280, "height": 800}
PAGES = [
    "/",
    "/modalities/",
    "/modalities/emdr/",
    "/modalities/compare/",
    "/modalities/compare/?show=emdr&show=tf-cbt",
    "/modalities/compare/?show=emdr&show=tf-cbt&show=somatic-experiencing",
    "/articles/",
    "/articles/you-are-not-alone/",
    "/tags/",
    "/tags/nightmares/",
    "/search/?q=sleep",
    "/safety/",
    "/volunteer/",
]

# Relative luminance and contrast ratio (WCAG 2.2), in the page, so the measured colours are the
# computed ones. Text over a transparent background takes the nearest ancestor's background.
FOCUS_CONTRAST_JS = """() => {
  const channel = c => { c /= 255; return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
  const rgb = s => (s.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  const background = el => {
    for (let node = el; node; node = node.parentElement) {
      const c = rgb(getComputedStyle(node).backgroundColor);
      if (c.length >= 3 && (c.length < 4 || c[3] > 0)) return c;
    }
    return [255, 255, 255];
  };
  const el = document.activeElement;
  const a = lum(rgb(getComputedStyle(el).color)), b = lum(background(el));
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}"""


def phone_figures(browser, base: str) -> None:
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    print("at 360 px:")
    print(f"  {'page':68} {'height px':>9} {'header rows':>11} {'most tags on a card':>19}")
    for path in PAGES:
        page.goto(base + path)
        height = page.evaluate("document.documentElement.scrollHeight")
        rows = page.evaluate(
            """() => { const rows = [];
                 [...document.querySelectorAll('.site-header a:not(.skip-link)')]
                   .map(a => a.getBoundingClientRect()).filter(r => r.width > 0).map(r => r.top)
                   .sort((a, b) => a - b)
                   .forEach(top => { if (!rows.length || top - rows[rows.length - 1] > 12) rows.push(top); });
                 return rows.length; }"""
        )
        tags = page.evaluate(
            "Math.max(0, ...[...document.querySelectorAll('.card, .article-list > li')]"
            ".map(c => c.querySelectorAll('.tags li').length))"
        )
        print(f"  {path:68} {height:9} {rows:11} {tags:19}")
    page.goto(base + "/")
    sizes = page.evaluate(
        """() => [...document.querySelectorAll('.crisis-lines a')].map(a => {
             const r = a.getBoundingClientRect(); return [Math.round(r.width), Math.round(r.height)]; })"""
    )
    print(f"  crisis links, width x height px: {', '.join(f'{w}x{h}' for w, h in sizes)}")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    overlap = page.evaluate(
        """() => {
             const a = document.querySelector('.skip-link').getBoundingClientRect();
             const b = document.querySelector('.quick-exit__button').getBoundingClientRect();
             return !(a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top);
           }"""
    )
    print(f"  focused skip link covers the exit button: {'yes' if overlap else 'no'}")
    room = page.evaluate(
        """() => {
             const input = document.querySelector('#home-search'), style = getComputedStyle(input);
             const context = document.createElement('canvas').getContext('2d');
             context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
             const inner = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
             return [Math.round(context.measureText(input.placeholder).width), Math.round(inner)]; }"""
    )
    print(f"  home search placeholder: {room[0]} px of text in a {room[1]} px box")
    context.close()


def desktop_figures(browser, base: str) -> None:
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.goto(base + "/modalities/compare/")
    table = page.evaluate(
        """() => { const t = document.querySelector('table.compare');
                   const rows = [...t.querySelectorAll('tbody tr')]
                     .map(r => r.getBoundingClientRect().height);
                   return [Math.round(t.getBoundingClientRect().width), Math.round(Math.max(...rows)),
                           rows.length, document.documentElement.scrollHeight]; }"""
    )
    width, tallest, rows, height = table
    print("at 1280 px:")
    print(f"  compare table {width} px wide, {rows} rows, tallest row {tallest} px, page {height} px")
    context.close()


def focus_figures(browser, base: str) -> None:
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    print("focused elements whose text contrast is under 4.5:1 (Tab through each page):")
    for path in PAGES:
        page.goto(base + path)
        count = page.evaluate(
            "document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea,"
            ' summary, [tabindex]:not([tabindex="-1"])\').length'
        )
        low = []
        for _ in range(count):
            page.keyboard.press("Tab")
            ratio = page.evaluate(FOCUS_CONTRAST_JS)
            if ratio < 4.5:
                low.append(round(ratio, 2))
        print(f"  {path:68} {len(low):3} of {count:3}  {sorted(set(low))[:4] or ''}")
    context.close()


def main() -> int:
    from playwright.sync_api import sync_playwright

    workdir = Path(tempfile.mkdtemp(prefix="healing-paths-phone-"))
    env = production_env(workdir)
    env["DJANGO_SECURE_SSL_REDIRECT"] = "0"
    server = None
    try:
        prepare_site(env)
        server = Gunicorn(env, 1, workdir / "gunicorn.log")
        server.wait_ready()
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            phone_figures(browser, server.base_url)
            desktop_figures(browser, server.base_url)
            focus_figures(browser, server.base_url)
            browser.close()
    finally:
        if server is not None:
            server.stop()
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
