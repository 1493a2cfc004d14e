"""Low-level Word XML that python-docx has no API for: page size, fields (contents, page numbers),
external hyperlinks, repeating table header rows, picture descriptions, restarted numbering."""

from __future__ import annotations

from typing import Any

from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, RGBColor
from docx.text.paragraph import Paragraph
from docx.text.run import Run

A4 = (Mm(210), Mm(297))
MARGINS = {"top": Mm(22), "right": Mm(18), "bottom": Mm(20), "left": Mm(18)}  # as the PDF's @page
TOC = 'TOC \\o "1-3" \\h \\z \\u'
LINK_COLOUR = RGBColor(0x05, 0x63, 0xC1)  # Word's own Hyperlink blue


def a4(section: Any) -> None:
    """A4 portrait with the PDF's margins."""
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = A4
    for side, value in MARGINS.items():
        setattr(section, f"{side}_margin", value)
    section.header_distance = section.footer_distance = Mm(10)


def _fld_char(paragraph: Paragraph, kind: str, dirty: bool = False) -> None:
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    if dirty:
        char.set(qn("w:dirty"), "true")
    paragraph.add_run()._r.append(char)


def field(paragraph: Paragraph, instruction: str, placeholder: str, dirty: bool = False) -> None:
    """A complex field (PAGE, NUMPAGES, TOC …) showing `placeholder` until Word updates it."""
    _fld_char(paragraph, "begin", dirty)
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    paragraph.add_run()._r.append(text)
    _fld_char(paragraph, "separate")
    paragraph.add_run(placeholder)
    _fld_char(paragraph, "end")


_AFTER_UPDATE_FIELDS = ("w:hdrShapeDefaults", "w:footnotePr", "w:endnotePr", "w:compat", "w:docVars", "w:rsids",
                        "m:mathPr", "w:attachedSchema", "w:themeFontLang", "w:clrSchemeMapping",
                        "w:doNotIncludeSubdocsInStats", "w:doNotAutoCompressPictures", "w:forceUpgrade",
                        "w:captions", "w:readModeInkLockDown", "w:smartTagType", "sl:schemaLibrary",
                        "w:shapeDefaults", "w:doNotEmbedSmartTags", "w:decimalSymbol", "w:listSeparator")


def update_fields_on_open(doc: Any) -> None:
    """`w:updateFields` in settings.xml: Word offers to fill the contents and page numbers on opening."""
    settings = doc.settings.element
    if settings.find(qn("w:updateFields")) is not None:
        return
    flag = OxmlElement("w:updateFields")
    flag.set(qn("w:val"), "true")
    after = next((e for e in settings if e.tag in {qn(t) for t in _AFTER_UPDATE_FIELDS}), None)
    if after is not None:
        after.addprevious(flag)
    else:
        settings.append(flag)


def contents(doc: Any) -> None:
    """A contents field of headings 1-3, with a placeholder saying how to fill it."""
    field(doc.add_paragraph(), TOC, "Right-click to update the contents (or press F9).", dirty=True)
    update_fields_on_open(doc)


def hyperlink_style(doc: Any) -> str:
    """The character style "Hyperlink" (blue, underlined), added when the template has none."""
    if "Hyperlink" not in [s.name for s in doc.styles]:
        style = doc.styles.add_style("Hyperlink", WD_STYLE_TYPE.CHARACTER)
        style.font.color.rgb, style.font.underline = LINK_COLOUR, True
        style.unhide_when_used = True
    return "Hyperlink"


def link(paragraph: Paragraph, url: str, text: str) -> Run:
    """A run of `text` linked to the external `url` (a w:hyperlink with its own relationship); the run is
    returned for more formatting."""
    r_id = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
    run = paragraph.add_run(text, style=hyperlink_style(paragraph.part.document))
    wrapper = OxmlElement("w:hyperlink")
    wrapper.set(qn("r:id"), r_id)
    run._r.addprevious(wrapper)
    wrapper.append(run._r)
    return run


def repeat_header(table: Any) -> None:
    """The first row repeats at the top of each page; no row splits across a page break."""
    for i, row in enumerate(table.rows):
        tr_pr = row._tr.get_or_add_trPr()
        tr_pr.append(OxmlElement("w:cantSplit"))
        if i == 0:
            tr_pr.append(OxmlElement("w:tblHeader"))


def describe(shape: Any, title: str, description: str) -> None:
    """A picture's text alternative: the `title` and `descr` of its `wp:docPr`."""
    doc_pr = shape._inline.docPr
    doc_pr.set("title", title)
    doc_pr.set("descr", description)


def restart_numbering(paragraph: Paragraph, start: int = 1) -> None:
    """Start the numbered list `paragraph` opens at `start` (a new w:num on its style's list)."""
    numbering = paragraph.part.numbering_part.element
    style_num = paragraph.style.element.pPr.numPr.numId.val
    abstract = next(n.abstractNumId.val for n in numbering.num_lst if n.numId == style_num)
    num = numbering.add_num(abstract)
    num.add_lvlOverride(ilvl=0).add_startOverride(start)
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = 0
    num_pr.get_or_add_numId().val = num.numId


def language(doc: Any, code: str) -> None:
    """The document's language: in its core properties and as the default of every run (spelling)."""
    doc.core_properties.language = code
    r_pr = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = r_pr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        r_pr.append(lang)
    lang.set(qn("w:val"), code)
