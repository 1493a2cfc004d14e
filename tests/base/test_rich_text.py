"""User text as Markdown: formatting kept, everything else escaped, links only where they may go."""

import re

from hypothesis import given, settings, strategies as st

from base.rich_text import Block, blocks, plain, to_html


def test_bold_lists_and_links_become_markup():
    html = to_html("**This is deeply unsatisfactory.**\n\n- one\n- two *three*\n\nSee https://example.org/a.")
    assert "<strong>This is deeply unsatisfactory.</strong>" in html
    assert "<ul>\n<li>one</li>\n<li>two <em>three</em></li>" in html
    assert '<a href="https://example.org/a">https://example.org/a</a>' in html
    assert "**" not in html


def test_markdown_links_keep_their_words_and_go_only_to_http_https_and_mailto():
    html = to_html("[hatecrime.osce.org](http://hatecrime.osce.org) [write](mailto:a@b.org) "
                   "[x](javascript:alert(1)) [y](file:///etc/passwd) [z](data:text/html,hi)")
    assert '<a href="http://hatecrime.osce.org">hatecrime.osce.org</a>' in html
    assert '<a href="mailto:a@b.org">write</a>' in html
    assert "javascript" not in html and "file:" not in html and "data:" not in html
    assert " x " in html and " y " in html and "z" in html and "](" not in html


def test_raw_html_is_written_out_and_images_are_never_fetched():
    html = to_html('<script>alert(1)</script> <img src="http://x/y.png"> ![the chart](http://x/c.png)')
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<img" not in html and "&lt;img" in html
    assert '<a href="http://x/c.png">the chart</a>' in html


def test_headings_sit_below_the_heading_of_their_place():
    assert "<h4>Findings</h4>" in to_html("# Findings")
    assert "<h3>Findings</h3>" in to_html("# Findings", heading_base=3)
    assert "<h6>Deep</h6>" in to_html("###### Deep", heading_base=4)


def test_blocks_carry_formatting_links_and_list_depth_for_word():
    found = blocks("Some **bold** and [a link](https://a.org).\n\n1. first\n2. second\n   - inner")
    assert found[0].kind == "paragraph"
    assert [(r.text, r.bold, r.href) for r in found[0].runs] == [
        ("Some ", False, None), ("bold", True, None), (" and ", False, None), ("a link", False, "https://a.org"),
        (".", False, None)]
    assert [(b.kind, b.level, b.numbered, b.number) for b in found[1:]] == [
        ("item", 1, True, 1), ("item", 1, True, 2), ("item", 2, False, 1)]


def test_a_refused_link_is_its_words_in_blocks_too():
    (block,) = blocks("[click](javascript:alert(1))")
    assert block == Block("paragraph", (blocks("click")[0].runs[0],))


def test_plain_text_drops_the_markup():
    assert plain("**Bold** and [words](https://a.org)\n\n- item") == "Bold and words item"


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_no_text_can_open_a_tag_of_its_own(text):
    html = to_html(text)
    stripped = html
    for tag in ("p", "strong", "em", "s", "code", "ul", "ol", "li", "blockquote", "pre", "hr", "br",
                "h4", "h5", "h6", "a"):
        stripped = stripped.replace(f"<{tag}>", "").replace(f"</{tag}>", "").replace(f"<{tag} />", "")
    stripped = re.sub(r'<a href="(https?://|mailto:)[^"<>]*">', "", stripped)
    stripped = re.sub(r'<ol start="\d+">', "", stripped)
    stripped = re.sub(r'<code class="language-[^"<>]*">', "", stripped)
    assert "<" not in stripped
