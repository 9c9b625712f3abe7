"""The XML of a TEI file: its namespaces, valid ids and tokens, elements with clean text, and the bytes written."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
XML_ID = f"{{{XML_NS}}}id"
XML_LANG = f"{{{XML_NS}}}lang"

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_NOT_ID = re.compile(r"[^A-Za-z0-9._-]")


def xml_id(name: str, prefix: str = "") -> str:
    """A valid ``xml:id`` (an NCName) made from an entity id or a bibliography key."""
    value = prefix + _NOT_ID.sub("_", name)
    return value if re.match(r"[A-Za-z_]", value) else f"_{value}"


def bib_id(key: str) -> str:
    """The ``xml:id`` of a source's ``bibl``."""
    return xml_id(key, "bib-")


def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    """A new child element of ``parent``: attributes with an empty value are left out; ``xml_id`` and ``xml_lang``
    are ``xml:id`` and ``xml:lang``."""
    element = ET.SubElement(parent, tag, {_attr(k): v for k, v in attrs.items() if v})
    if text:
        element.text = clean(text)
    return element


def _attr(name: str) -> str:
    return {"xml_id": XML_ID, "xml_lang": XML_LANG}.get(name, name)


def clean(text: str) -> str:
    """The text without the characters XML cannot hold."""
    return _NOT_XML.sub("", text)


def append_text(parent: ET.Element, text: str) -> None:
    """Text appended to the end of ``parent``: after its last child, or as its text."""
    text = clean(text)
    if not text:
        return
    if len(parent):
        last = parent[-1]
        last.tail = (last.tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def indent(element: ET.Element, level: int = 0) -> None:
    """Pretty-print in place, leaving mixed content (text with elements) exactly as it is."""
    if len(element) == 0 or _is_mixed(element):
        return
    inner = "\n" + "  " * (level + 1)
    element.text = inner
    for child in element:
        indent(child, level + 1)
        child.tail = inner
    element[-1].tail = "\n" + "  " * level


def _is_mixed(element: ET.Element) -> bool:
    if element.text and element.text.strip():
        return True
    return any(child.tail and child.tail.strip() for child in element)


def serialise(root: ET.Element) -> bytes:
    """The UTF-8 bytes of a TEI document, pretty-printed, with an XML declaration."""
    indent(root)
    text = ET.tostring(root, encoding="unicode")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + text + "\n").encode("utf-8")
