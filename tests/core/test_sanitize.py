"""No script, event handler, script URL or active content from a body reaches the rendered HTML."""

import re
from html.parser import HTMLParser

import pytest

from app.core.render.markdown import render_body

MEDIA_FILE = "0" * 63 + "a.png"
PREFIX = "../../../media/"

# What a rendered body may contain, written out here rather than imported, so that loosening
# the sanitiser's configuration makes these tests fail.
EXPECTED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "del", "div", "em", "figcaption",
    "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark",
    "ol", "p", "pre", "q", "s", "small", "span", "strong", "sub", "sup", "table", "tbody", "td",
    "tfoot", "th", "thead", "tr", "ul",
}  # fmt: skip
EXPECTED_ATTRIBUTES = {
    "a": {"href", "title", "class", "rel"},
    "abbr": {"title"},
    "code": {"class"},
    "div": {"class"},
    "img": {"src", "alt", "title"},
    "li": {"id"},
    "ol": {"start"},
    "sup": {"id"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align"},
}
URL_ATTRIBUTES = {"href", "src", "cite"}
SAFE_SCHEMES = {"http", "https", "mailto"}
# Browsers ignore ASCII whitespace and control characters inside a URL's scheme.
_IGNORED_IN_URL = re.compile(r"[\x00-\x20\x7f]")
_SCHEME = re.compile(r"([a-z][a-z0-9+.-]*):")


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, attrs))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, attrs))


def elements(html: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    collector = _Collector()
    collector.feed(html)
    collector.close()
    return collector.elements


def assert_inert(html: str) -> None:
    """Every element and attribute is allowlisted and every URL is http(s), mailto or relative."""
    for tag, attrs in elements(html):
        assert tag in EXPECTED_TAGS, f"<{tag}> in {html!r}"
        for name, value in attrs:
            assert name in EXPECTED_ATTRIBUTES.get(tag, set()), f"{tag}[{name}] in {html!r}"
            if name in URL_ATTRIBUTES:
                url = _IGNORED_IN_URL.sub("", value or "").lower()
                scheme = _SCHEME.match(url)
                assert scheme is None or scheme.group(1) in SAFE_SCHEMES, f"{url!r} in {html!r}"
            if tag == "img" and name == "src":
                assert re.fullmatch(
                    re.escape(PREFIX) + r"[0-9a-f]{64}\.(png|jpe?g|gif|webp)", value
                )


XSS_VECTORS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<scr<script>ipt>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<IMG SRC=\"jav\tascript:alert('XSS');\">",
    "<img src=javascript:alert(1)>",
    '<img """><script>alert(1)</script>">',
    f'<img src="media/{MEDIA_FILE}" onerror="alert(1)">',
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<svg><style><img src=x onerror=alert(1)></style></svg>",
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<details open ontoggle=alert(1)>x</details>",
    '<iframe src="javascript:alert(1)"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<object data="javascript:alert(1)"></object>',
    '<embed src="javascript:alert(1)">',
    '<base href="javascript:alert(1)//">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<form action="javascript:alert(1)"><button>x</button></form>',
    "<input autofocus onfocus=alert(1)>",
    "<video><source onerror=alert(1)></video>",
    "<body onload=alert(1)>",
    "<div onclick=alert(1)>x</div>",
    "<x-custom onclick=alert(1)>x</x-custom>",
    "<template><script>alert(1)</script></template>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    "<style>body{background:url(javascript:alert(1))}</style>",
    '<link rel=stylesheet href="javascript:alert(1)">',
    '<p style="background:url(javascript:alert(1))">x</p>',
    '<div style="width: expression(alert(1))">x</div>',
    "<!--<script>alert(1)</script>-->",
    '"><script>alert(1)</script>',
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](java&#x09;script:alert(1))",
    "[x](&#106;avascript:alert(1))",
    "[x](<javascript:alert(1)>)",
    "[x]( javascript:alert(1) )",
    "[x](vbscript:msgbox(1))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    '[x](https://ok.example/" onclick="alert(1))',
    "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "![x](javascript:alert(1))",
    f'![x](media/{MEDIA_FILE}" onerror="alert(1))',
    "<javascript:alert(1)>",
    "<vbscript:msgbox(1)>",
    "[x][r]\n\n[r]: javascript:alert(1)",
    "[r]\n\n[r]: JAVASCRIPT:alert(1)",
    "![x][r]\n\n[r]: data:image/png;base64,AAAA",
    '<a href="&#106;avascript:alert(1)">x</a>',
    '<a href="&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)">x</a>',
    '<a href="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105'
    '&#0000112&#0000116&#0000058alert(1)">x</a>',
    '<a href="jav&#x0A;ascript:alert(1)">x</a>',
    '<a href="javas&Tab;cript:alert(1)">x</a>',
    '<a href="javascript&colon;alert(1)">x</a>',
    '<a href=" javascript:alert(1)">x</a>',
    '<a href="\x01javascript:alert(1)">x</a>',
    '<a href="&#1;javascript:alert(1)">x</a>',
    '<a href="JAVASCRIPT:alert(1)" onclick="alert(1)" onmouseover=alert(1)>x</a>',
    '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    '<a href="https://ok.example" target="_blank" style="color:red" id="x">x</a>',
    "<a title='\"><script>alert(1)</script>'>x</a>",
    '*[HTML]: " onmouseover="alert(1)\n\nHTML here',
    "*[HTML]: <script>alert(1)</script>\n\nHTML here",
    "x[^1]\n\n[^1]: <script>alert(1)</script> [y](javascript:alert(1))",
    "| a |\n|---|\n| <img src=x onerror=alert(1)> |",
    '```" onclick="alert(1)\ncode\n```',
    "```{.x onclick=alert(1)}\ncode\n```",
    "# Title {onclick=alert(1)}",
    "Paragraph\n{: onclick=alert(1) style=x }",
    '<div markdown="1" onclick="alert(1)">*x*</div>',
    "<q cite=javascript:alert(1)>x</q>",
    '<ol start="1 onclick=alert(1)"><li>x</li></ol>',
    '<li id="x" onclick="alert(1)">x</li>',
    '<code class="x onclick">y</code>',
    "\x02wzxhzdk:0\x03<script>alert(1)</script>",
]


@pytest.mark.parametrize("vector", XSS_VECTORS)
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_xss_vectors_come_out_inert(vector: str, lang: str) -> None:
    html = render_body(vector, lang)
    assert_inert(html)
    lowered = html.lower()
    for active in ("<script", "javascript:", "vbscript:", "<svg", "<math", "<iframe", "onerror="):
        assert active not in lowered


def test_checker_rejects_what_it_must() -> None:
    """The inertness check itself catches each kind of active content."""
    for unsafe in (
        "<script>x</script>",
        '<a href="javascript:x">x</a>',
        '<a href="java&#x09;script:x">x</a>',
        '<p onclick="x">x</p>',
        '<p style="x">x</p>',
        '<img src="https://evil.example/x.png">',
        "<svg></svg>",
    ):
        with pytest.raises(AssertionError):
            assert_inert(unsafe)


@pytest.mark.parametrize(
    ("markdown_text", "href"),
    [
        ("[site](https://gov.example/a?b=1&c=2)", "https://gov.example/a?b=1&c=2"),
        ("[site](http://gov.example/)", "http://gov.example/"),
        ("[mail](mailto:press@gov.example)", "mailto:press@gov.example"),
        ("[other](../2024/05/other.html)", "../2024/05/other.html"),
        ("[top](#top)", "#top"),
        ("<https://gov.example/x>", "https://gov.example/x"),
        ("<press@gov.example>", "mailto:press@gov.example"),
    ],
)
def test_safe_links_survive_with_rel(markdown_text: str, href: str) -> None:
    links = [attrs for tag, attrs in elements(render_body(markdown_text, "en")) if tag == "a"]
    assert len(links) == 1
    attributes = dict(links[0])
    assert attributes["href"] == href
    assert attributes["rel"] == "noopener noreferrer"


def test_script_url_keeps_the_link_text_but_not_the_url() -> None:
    html = render_body("Read [the statement](javascript:alert(1)) now.", "en")
    assert "the statement" in html
    assert all("href" not in dict(attrs) for tag, attrs in elements(html) if tag == "a")


def test_raw_html_text_is_escaped_not_dropped_when_harmless() -> None:
    html = render_body("Use `<script>` tags & entities: 1 < 2.", "en")
    assert "<code>&lt;script&gt;</code>" in html
    assert "1 &lt; 2" in html


def test_control_characters_never_reach_the_output() -> None:
    html = render_body("a\x00b\x01c &#1;d\x7fe", "en")
    assert re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", html) is None
    assert "abc" in html
