"""The body renderer: Markdown subset, media images, typography, and its time bound."""

import multiprocessing
import random
import time
from concurrent.futures import ProcessPoolExecutor

import pytest

from app.core.render.bounded import RenderError, render_body_bounded
from app.core.render.markdown import RENDERER_VERSION, render_body
from app.core.render.typography import typographize, typographize_html

PHOTO = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"


def test_markdown_subset_renders() -> None:
    html = render_body(
        "## Heading\n\n"
        "Text with **bold**, *emphasis* and a note[^1].\n\n"
        "3. third\n4. fourth\n\n"
        "- one\n- two\n\n"
        "> quoted\n\n"
        "| Region | Share |\n|:--|--:|\n| Sughd | 10% |\n\n"
        "```python\nx = 1\n```\n\n"
        "The UN met.\n\n*[UN]: United Nations\n\n"
        "[^1]: The note.\n",
        "en",
    )
    assert "<h2>Heading</h2>" in html
    assert "<strong>bold</strong>" in html and "<em>emphasis</em>" in html
    assert '<ol start="3">' in html
    assert "<ul>\n<li>one</li>" in html
    assert "<blockquote>" in html
    assert '<th align="left">Region</th>' in html and '<td align="right">10%</td>' in html
    assert '<pre><code class="language-python">x = 1\n</code></pre>' in html
    assert '<abbr title="United Nations">UN</abbr>' in html
    assert '<sup id="fnref:1"><a class="footnote-ref" href="#fn:1"' in html
    assert '<li id="fn:1">' in html
    assert 'title="Back to footnote 1 in the text"' in html


def test_footnote_back_link_is_titled_in_the_page_language() -> None:
    assert "Вернуться к сноске 1 в тексте" in render_body("a[^1]\n\n[^1]: b", "ru")
    assert "Бозгашт ба эзоҳи 1 дар матн" in render_body("a[^1]\n\n[^1]: b", "tg")


def test_attribute_syntax_is_not_active() -> None:
    html = render_body("# Title {#main .big}\n\nText\n{: .lead }\n", "en")
    assert "<h1>Title {#main .big}</h1>" in html
    assert "class=" not in html and "id=" not in html


def test_markdown_inside_html_is_not_processed() -> None:
    html = render_body('<div markdown="1">*not emphasis*</div>', "en")
    assert "<em>" not in html
    assert "markdown=" not in html


def test_output_is_deterministic() -> None:
    body = '# T\n\nSome "quoted" text - with a [link](https://x.example) and a note[^a].\n\n[^a]: n'
    first = render_body(body, "ru")
    for lang in ("en", "tg", "ru"):
        render_body(body + "\n\nother", lang)
    assert render_body(body, "ru") == first


def test_definitions_do_not_leak_between_renders() -> None:
    render_body("*[UN]: United Nations\n\n[ref]: https://x.example\n\nUN [a][ref]", "en")
    html = render_body("UN [a][ref]", "en")
    assert "<abbr" not in html
    assert "<a " not in html


def test_media_store_image_is_pointed_at_the_media_folder() -> None:
    html = render_body(f'![Signing](media/{PHOTO}.jpg "At the ministry")', "en")
    assert f'src="../../../media/{PHOTO}.jpg"' in html
    assert 'alt="Signing"' in html and 'title="At the ministry"' in html


def test_media_prefix_is_configurable() -> None:
    html = render_body(f"![x](media/{PHOTO}.webp)", "en", media_prefix="/site/media/")
    assert f'src="/site/media/{PHOTO}.webp"' in html


def test_raw_html_image_from_media_store_survives() -> None:
    html = render_body(f'<img src="media/{PHOTO}.png" alt="Map">', "en")
    assert f'<img src="../../../media/{PHOTO}.png" alt="Map">' in html


@pytest.mark.parametrize(
    "src",
    [
        "https://evil.example/x.png",
        "//evil.example/x.png",
        "/etc/passwd",
        "file:///C:/Users/me/photo.jpg",
        "media/../secret.png",
        f"media/{PHOTO}.svg",
        f"media/{PHOTO.upper()}.png",
        f"media/{PHOTO[:-1]}.png",
        f"../media/{PHOTO}.png",
        f"media/{PHOTO}.png?x=1",
    ],
)
def test_image_from_anywhere_else_becomes_its_alt_text(src: str) -> None:
    html = render_body(f"Before ![Outside & <photo>]({src}) after", "en")
    assert "<img" not in html
    assert "Before Outside &amp; &lt;photo&gt; after" in html


def test_image_without_alt_from_elsewhere_disappears() -> None:
    html = render_body('Text <img src="https://evil.example/x.png"> more', "en")
    assert html == "<p>Text  more</p>"


@pytest.mark.parametrize(
    ("lang", "source", "expected"),
    [
        ("ru", 'Он сказал: "Это "важно" для нас"', "Он сказал: «Это „важно“ для нас»"),
        ("tg", 'Вазир гуфт: "Лоиҳа "Об" оғоз шуд"', "Вазир гуфт: «Лоиҳа „Об“ оғоз шуд»"),
        ("en", 'He said "it\'s "fine""', "He said “it’s ‘fine’”"),
        ("en", "The students' books from the '90s", "The students’ books from the ’90s"),
        ("en", "'Quoted' words", "‘Quoted’ words"),
        ("ru", "Москва - столица", "Москва — столица"),
        ("en", "Dushanbe -- the capital", "Dushanbe — the capital"),
        ("tg", "Душанбе... ва", "Душанбе… ва"),
        ("ru", "пресс-релиз, 2020-2024, - итог", "пресс-релиз, 2020-2024, — итог"),
        ("ru", "- начало и конец -", "- начало и конец -"),
        ("ru", "О'Нил и \"Д'Артаньян\"", "О’Нил и «Д’Артаньян»"),
        ("fr", 'Il a dit "oui" - ok...', 'Il a dit "oui" — ok…'),
        ("ru_RU", '"Да"', "«Да»"),
        ("en-GB", '"Yes"', "“Yes”"),
    ],
)
def test_title_typography(lang: str, source: str, expected: str) -> None:
    assert typographize(source, lang) == expected


def test_body_typography_follows_the_language() -> None:
    body = 'Министр заявил: "Работа идёт" - и добавил...'
    assert "<p>Министр заявил: «Работа идёт» — и добавил…</p>" in render_body(body, "ru")
    assert "<p>Министр заявил: «Работа идёт» — и добавил…</p>" in render_body(body, "tg")
    english = render_body('The minister said "it\'s going well" - and more...', "en")
    assert "<p>The minister said “it’s going well” — and more…</p>" in english


def test_quotes_pair_across_inline_markup() -> None:
    html = render_body('"**Bold** start" and "end *italic*"', "ru")
    assert html == "<p>«<strong>Bold</strong> start» and «end <em>italic</em>»</p>"


def test_code_is_untouched_by_typography() -> None:
    html = render_body(
        'Run `say "hi" -- now...` please.\n\n'
        '```\nprint("a - b...")\nit\'s\n```\n\n'
        '<kbd>"x" - y</kbd>',
        "en",
    )
    assert '<code>say "hi" -- now...</code>' in html
    assert 'print("a - b...")\nit\'s' in html
    assert '<kbd>"x" - y</kbd>' in html


def test_attributes_and_urls_are_untouched_by_typography() -> None:
    html = render_body(
        '["Report" - 2024...](https://gov.example/a--b/it\'s... "The \'title\' - here...")'
        " see https://gov.example/it's... and press'o@gov.example",
        "en",
    )
    assert 'href="https://gov.example/a--b/it\'s..."' in html
    assert "title=\"The 'title' - here...\"" in html
    assert ">“Report” — 2024…</a>" in html
    assert "https://gov.example/it's..." in html
    assert "press'o@gov.example" in html


def test_typographize_html_keeps_markup() -> None:
    html = '<p title="a &quot;b&quot; - c">"x" - y&nbsp;"z"</p><pre>"q"</pre>'
    assert typographize_html(html, "ru") == (
        '<p title="a &quot;b&quot; - c">«x» — y&nbsp;«z»</p><pre>"q"</pre>'
    )


def test_renderer_version_names_the_libraries() -> None:
    import markdown
    import nh3

    assert markdown.__version__ in RENDERER_VERSION
    assert nh3.__version__ in RENDERER_VERSION


def _normal_body(target_chars: int) -> str:
    rng = random.Random(5)
    words = [
        "ҳукумат",
        "вазорат",
        "министр",
        "development",
        "agreement",
        "регион",
        "water",
        "сохтмон",
        "лоиҳа",
    ]
    paragraphs = []
    size = 0
    while size < target_chars:
        sentence = " ".join(rng.choices(words, k=12))
        paragraph = f'## {sentence[:30]}\n\n"{sentence}" - **{words[1]}** [link](https://x.example)'
        if rng.random() < 0.3:
            paragraph += "\n\n- one\n- two\n\n> quote " + sentence
        paragraphs.append(paragraph)
        size += len(paragraph) + 2
    return "\n\n".join(paragraphs)


def test_bounded_render_matches_the_plain_render() -> None:
    body = _normal_body(6000)
    assert render_body_bounded(body, "ru") == render_body(body, "ru")


def test_risky_looking_but_harmless_body_renders_in_the_worker() -> None:
    body = "Links: " + " ".join(f"[{i}](https://x.example/{i})" for i in range(400))
    assert render_body_bounded(body, "en") == render_body(body, "en")


def test_normal_one_megabyte_body_renders() -> None:
    body = _normal_body(1_050_000)
    html = render_body_bounded(body, "tg")
    assert html.count("<h2>") == body.count("## ")


PATHOLOGICAL = {
    "unclosed brackets": "[" * 20000,
    "unclosed image brackets": "![" * 10000,
    "unclosed link targets": "[](" * 10000,
    "unclosed CDATA": "<![CDATA[" * 5000,
    "escaped fences": "\\```" * 8000,
    "setext lines": "=\n" * 8000,
    "deep list": "- " * 500 + "x",
    "deep ordered list": "1. " * 500 + "x",
    "deep indentation": "\n".join("    " * i + "- x" for i in range(500)),
}


@pytest.mark.parametrize("body", PATHOLOGICAL.values(), ids=PATHOLOGICAL.keys())
def test_pathological_body_fails_quickly_with_a_reason(body: str) -> None:
    start = time.monotonic()
    with pytest.raises(RenderError) as caught:
        render_body_bounded(body, "en", timeout=1.0)
    assert time.monotonic() - start < 5.0
    assert caught.value.reason == str(caught.value)
    assert "nested" in caught.value.reason


def test_timeout_is_reported_in_words_and_the_worker_recovers() -> None:
    start = time.monotonic()
    with pytest.raises(RenderError, match=r"longer than 3(\.1)? seconds"):
        render_body_bounded("[" * 20000, "en")
    assert time.monotonic() - start < 8.0
    harmless = "[a](b) " * 400
    assert render_body_bounded(harmless, "en") == render_body(harmless, "en")


def test_too_deep_nesting_is_reported_as_such() -> None:
    with pytest.raises(RenderError, match="nested too deeply"):
        render_body_bounded("- " * 500 + "x", "en")


def _render_risky_in_child(body: str) -> str:
    return render_body_bounded(body, "en")


def test_forked_export_workers_start_their_own_render_worker() -> None:
    body = "[a](b) " * 400
    expected = render_body_bounded(body, "en")  # the parent now owns a worker process
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(1, mp_context=context) as pool:
        assert pool.submit(_render_risky_in_child, body).result(timeout=60) == expected
    assert render_body_bounded(body, "en") == expected
