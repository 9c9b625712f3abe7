"""Names that look unused to vulture but are read by a framework or by conf.py (nox -s lint runs vulture).

Each entry names who reads it. Anything else vulture reports is dead code: delete it.
"""

# conf.py reads these
describe  # critical_edition.core.corpus: the number and years of the texts, for the title
_.count_words  # Corpus, in conf.py's title
_.year_range  # Corpus, in conf.py's title
index_preamble  # critical_edition.sphinx.print.latex: the LaTeX preamble of the indices
print_indices  # critical_edition.sphinx.print.latex: where the indices are printed

# pydantic reads these
unclear_reasons  # a vocabulary of the profile, read through profile.Vocabulary (getattr)
model_config  # the schema's settings
_._bcp47  # a field validator
_._id  # a field validator
_._scalar_strings  # a field validator
authority_note  # a documented field of the register, printed nowhere but kept in the data

# Sphinx and docutils read these
_.bracket_textual  # sphinxcontrib-bibtex: the citation style's brackets (author_year.AuthorYearShortTitleStyle)
_.bracket_parenthetical  # the same
_.bracket_author  # the same
_.bracket_label  # the same
_.bracket_year  # the same
templatename  # the html-page-context event's argument
default_priority  # transforms
_.apply  # transforms
_.run  # roles and directives
has_content  # directives
required_arguments  # directives
optional_arguments  # directives
initial_data  # the domain's data in a fresh environment
data_version  # the domain's data format
_.clear_doc  # the domain: a document is read again
_.merge_domaindata  # the domain: parallel reading
_.resolve_any_xref  # the domain: the "any" role
_.autofootnote_refs  # docutils numbers footnotes in this order
out_suffix  # the TEI builder
allow_parallel  # the TEI builder
_.init  # the TEI builder
_.get_outdated_docs  # the TEI builder
typ  # the TEI builder's get_target_uri argument
_.write_documents  # the TEI builder
_.write_doc  # the TEI builder
_.finish  # the TEI builder
_.dispatch_visit  # the TEI translator: docutils calls it for every node
_.dispatch_departure  # the TEI translator: docutils calls it for every node

# zipfile reads these (critical_edition.sphinx.print.epub: a reproducible EPUB archive)
_.create_system  # the system an entry was made on
_.external_attr  # an entry's permissions

_.author_or_editor_or_title  # author_year.ShortTitlePersonStyle: sphinxcontrib-bibtex calls it
_.format_labels  # author_year.AuthorYearLabels: pybtex calls it
_.default_label_style  # author_year.AuthorYearBibliography: pybtex reads it
_.default_sorting_style  # author_year.AuthorYearBibliography: pybtex reads it
_.sorting_key  # author_year.OneAlphabet: pybtex calls it
_.format_url  # author_year.AuthorYearBibliography: pybtex's plain style calls it

_.build_info  # extension.portable_build_info: Sphinx's HTML builder writes it to .buildinfo
_.__qualname__  # files._confined: the confined directive's name in tracebacks and reprs
final_argument_whitespace  # files.ConfinedInclude: docutils reads it
_.edition_profile_digest  # sphinx/profile.read_profile: a setting Sphinx compares to re-read every page

# Jinja reads this
_.preprocess  # sphinx.fragments: the loader's hook that joins a template's lines
