"""User text as Markdown: one parser (markdown-it-py) for the app, the PDF, the web edition and the DOCX.

National-situation texts, evidence notes, comments and the report's narrative sections are CommonMark
with bare addresses made links. What may come through is decided here, once, for every output:

- paragraphs, **bold**, *italics*, ~~struck~~, `code`, lists, quotes and headings (moved below the
  heading of the place they sit in, so a document's outline stays in order);
- links, only to http, https and mailto addresses; any other link is shown as its words alone;
- no raw HTML (written out as the characters typed) and no images: an image is shown as a link to
  its address, so nothing is ever fetched by the app, the PDF renderer or a reader's browser.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from html import escape
from typing import Literal

from markdown_it import MarkdownIt
from markdown_it.token import Token
from markupsafe import Markup

SCHEMES = ("http://", "https://", "mailto:")


def allowed(url: str) -> bool:
    """Whether a link may be followed: http, https and mailto only."""
    return url.strip().lower().startswith(SCHEMES)


def tokens(text: str | None) -> list[Token]:
    """The block tokens of user text (empty for none)."""
    return _parser(4).parse(text or "")


@dataclass(frozen=True)
class Run:
    """A piece of inline text with its formatting; `href` set for a followable link."""

    text: str
    bold: bool = False
    italic: bool = False
    strike: bool = False
    code: bool = False
    href: str | None = None


@dataclass(frozen=True)
class Block:
    """A paragraph-like block: a paragraph, heading (`level` 1-6), list item (`level`: depth from 1,
    `numbered`), quote or code."""

    kind: Literal["paragraph", "heading", "item", "quote", "code"]
    runs: tuple[Run, ...]
    level: int = 0
    numbered: bool = False
    number: int = 0


@dataclass
class _Style:
    bold: int = 0
    italic: int = 0
    strike: int = 0
    links: list[str | None] = field(default_factory=list)

    def run(self, text: str, code: bool = False) -> Run:
        href = next((h for h in reversed(self.links) if h), None)
        return Run(text, self.bold > 0, self.italic > 0, self.strike > 0, code, href)


def _runs(children: Sequence[Token]) -> tuple[Run, ...]:
    style, out = _Style(), []
    for t in children:
        if t.type in ("strong_open", "strong_close"):
            style.bold += 1 if t.type.endswith("open") else -1
        elif t.type in ("em_open", "em_close"):
            style.italic += 1 if t.type.endswith("open") else -1
        elif t.type in ("s_open", "s_close"):
            style.strike += 1 if t.type.endswith("open") else -1
        elif t.type == "link_open":
            href = str(t.attrGet("href") or "")
            style.links.append(href if allowed(href) else None)
        elif t.type == "link_close":
            style.links.pop()
        elif t.type == "image":
            src = str(t.attrGet("src") or "")
            style.links.append(src if allowed(src) else None)
            out.append(style.run(t.content or src))
            style.links.pop()
        elif t.type == "code_inline":
            out.append(style.run(t.content, code=True))
        elif t.type in ("softbreak",):
            out.append(style.run(" "))
        elif t.type == "hardbreak":
            out.append(style.run("\n"))
        elif t.content:
            out.append(style.run(t.content))
    return tuple(out)


def blocks(text: str | None) -> tuple[Block, ...]:
    """User text as a flat list of blocks with formatted runs (for the DOCX and other non-HTML outputs)."""
    out: list[Block] = []
    lists: list[list[int]] = []  # per open list: [numbered, next number]
    quote = 0
    pending: tuple[str, int] | None = None  # a heading's level or a list item waiting for its inline text
    for t in tokens(text):
        if t.type in ("bullet_list_open", "ordered_list_open"):
            lists.append([t.type == "ordered_list_open", int(t.attrGet("start") or 1)])
        elif t.type in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif t.type == "list_item_open":
            pending = ("item", len(lists))
        elif t.type == "blockquote_open":
            quote += 1
        elif t.type == "blockquote_close":
            quote -= 1
        elif t.type == "heading_open":
            pending = ("heading", int(t.tag[1]))
        elif t.type in ("fence", "code_block"):
            out.append(Block("code", (Run(t.content.rstrip("\n"), code=True),)))
        elif t.type == "inline":
            runs = _runs(t.children or [])
            if pending and pending[0] == "item" and lists:
                numbered, number = lists[-1]
                out.append(Block("item", runs, pending[1], bool(numbered), number))
                lists[-1][1] += 1
                pending = None
            elif pending and pending[0] == "heading":
                out.append(Block("heading", runs, pending[1]))
                pending = None
            else:
                out.append(Block("quote" if quote else "paragraph", runs))
    return tuple(out)


def plain(text: str | None) -> str:
    """User text without its Markdown: the words a screen reader, a tooltip or a one-line place shows."""
    return " ".join(" ".join("".join(r.text for r in b.runs).split()) for b in blocks(text))


def _link_open(self, tokens: Sequence[Token], idx: int, options, env) -> str:  # noqa: ANN001
    href = str(tokens[idx].attrGet("href") or "")
    env.setdefault("links", []).append(allowed(href))
    return f'<a href="{escape(href)}">' if allowed(href) else ""


def _link_close(self, tokens: Sequence[Token], idx: int, options, env) -> str:  # noqa: ANN001
    return "</a>" if env.get("links", [False]).pop() else ""


def _image(self, tokens: Sequence[Token], idx: int, options, env) -> str:  # noqa: ANN001
    t = tokens[idx]
    src, alt = str(t.attrGet("src") or ""), escape(t.content or str(t.attrGet("src") or ""))
    return f'<a href="{escape(src)}">{alt}</a>' if allowed(src) else alt


@cache
def _parser(heading_base: int) -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": True})
    md.enable(["linkify", "strikethrough"])
    md.validateLink = lambda url: True
    md.linkify.set({"fuzzy_email": True})
    md.add_render_rule("link_open", _link_open)
    md.add_render_rule("link_close", _link_close)
    md.add_render_rule("image", _image)

    def heading(self, tokens: Sequence[Token], idx: int, options, env) -> str:  # noqa: ANN001
        t = tokens[idx]
        level = min(6, heading_base + int(t.tag[1]) - 1)
        return f"<h{level}>" if t.type == "heading_open" else f"</h{level}>\n"

    md.add_render_rule("heading_open", heading)
    md.add_render_rule("heading_close", heading)
    return md


def to_html(text: str | None, heading_base: int = 4) -> Markup:
    """User text as safe HTML: everything the person typed escaped, Markdown's formatting kept, links
    only to http, https and mailto; a heading `# …` becomes `<h{heading_base}>` (and so on down)."""
    return Markup(_parser(heading_base).render(text or "", {}))
