"""Text in other languages and scripts is tagged (WCAG 3.1.2): bibliography titles by their entries' language,
omitted page furniture by its block's ``:lang:``, the name index by the register's names.

The pure rule (which runs of a text are in a language) is tested alone; the rest on a small edition
(tests/roots/test-languages) with a Russian, a German and a Chinese source, a translated title quoting a
Russian one, mixed Russian and English furniture, and a person with names in three scripts.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import sphinx_build

from critical_edition.core.vocabulary import has_other_script, language_runs, language_tag, mixes_scripts


@pytest.mark.parametrize(
    ("text", "tag", "runs"),
    [
        ("Рисковый Эмир", "ru", [("Рисковый Эмир", "ru")]),  # one script: all of it
        ("Berlin in alten Bildern", "de", [("Berlin in alten Bildern", "de")]),
        ("人民音乐家:冼星海", "zh-Hans", [("人民音乐家:冼星海", "zh-Hans")]),  # punctuation inside a run stays in it
        # mixed: only the runs in the script other than Latin
        ("[The film «Композитор» shown]", "ru", [("[The film «", ""), ("Композитор", "ru"), ("» shown]", "")]),
        ("Читайте также\nJoin Telegram", "ru", [("Читайте также", "ru"), ("\nJoin Telegram", "")]),
        ("Лого TengriSport мобильная Лого", "ru", [("Лого", "ru"), (" TengriSport ", ""), ("мобильная Лого", "ru")]),
        ("ЦОКС, n.d.", "ru", [("ЦОКС", "ru"), (", n.d.", "")]),
        ("A Source", "", [("A Source", "")]),  # no language: nothing tagged
    ],
)
def test_language_runs(text: str, tag: str, runs: list[tuple[str, str]]) -> None:
    assert language_runs(text, tag) == runs
    assert "".join(run for run, _ in runs) == text


def test_mixed_can_be_decided_for_the_whole_text() -> None:
    # a piece of a mixed text (one line of furniture) is cut as the whole is, even if it is in one script
    assert language_runs("Лого мобильная", "ru", mixed=True) == [("Лого мобильная", "ru")]
    assert language_runs("Join Telegram", "ru", mixed=True) == [("Join Telegram", "")]
    assert mixes_scripts("the film «Композитор»") and not mixes_scripts("Композитор") and not mixes_scripts("Ärger")
    assert has_other_script("سيان") and not has_other_script("Zürich 1905")


@pytest.mark.parametrize(
    ("value", "tag"),
    [("russian", "ru"), ("Kazakh", "kk"), ("chinese", "zh"), ("zh-Hans", "zh-Hans"), ("", ""), ("klingon", None),
     ("Russian language", None)],
)
def test_language_tag_of_a_bib_field(value: str, tag: str | None) -> None:
    assert language_tag(value) == tag


@pytest.fixture(scope="module")
def built(rootdir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small edition's HTML, built with -W (the :lang: option line keeps an {omitted} block closed)."""
    out = tmp_path_factory.mktemp("languages")
    result = sphinx_build("-W", "-b", "html", "-d", out / "doctrees", rootdir / "test-languages", out / "html")
    assert result.returncode == 0, result.stderr
    return out / "html"


def read(out: Path, name: str) -> str:
    return (out / name).read_text(encoding="utf-8")


def test_bibliography_titles_and_their_other_script_words_carry_the_entrys_language(built: Path) -> None:
    html = read(built, "index.html")
    assert '<p><span lang="ru">Рисковый Эмир</span>. Caravan, July\u00a02008.' in html  # the month written out, kept with its year
    assert '<p>[The film «<span lang="ru">Композитор</span>» shown in Almaty]. Zakon.kz, 2019.' in html
    assert '<p><span lang="de">Berlin in alten Bildern</span>. Example Archive' in html
    assert ('Guo Bingru. <span lang="zh-Hans">人民音乐家</span>. example.cn (a catalogue page for a book in the '
            'series <span lang="zh-Hans">名人丛书</span>), 2021.') in html
    assert '<p>Jane Doe. A Source. Example Site' in html  # a source in the page's language: no tag
    # the labels, in the bibliography and where a note cites the source
    assert '<span lang="ru">Рисковый Эмир</span>, 2008</a>' in html
    assert '<span lang="de">Berlin in alten Bildern</span>, 2020<span class="fn-bracket">' in html
    assert '<em><span lang="ru">Рисковый Эмир</span></em>, 2008</a>]' in html
    # an editors' description: without its brackets (the citation's own would double them), in roman
    assert '>The film «<span lang="ru">Композитор</span>» shown…, 2019</a>]' in html


def test_omitted_furniture_carries_its_language_in_every_view(built: Path) -> None:
    html = read(built, "index.html")
    assert '<pre class="edition-omitted-text"><span lang="ru">Читайте также</span>\nJoin Telegram</pre>' in html
    assert 'class="app-reading">“<span lang="ru">Читайте также</span> Join Telegram”</span>' in html
    assert 'class="app-reading"><span lang="ru">“ПОДЕЛИТЬСЯ”</span></span>' in html
    view = html[html.index('<div class="edition-witness"') :]
    assert '<span class="witness-iv"><span lang="ru">Читайте также</span></span>' in view
    assert '<span class="witness-iv">Join Telegram</span>' in view
    tei = read(built, "_downloads/tei/index.xml")
    assert '<surplus reason="interface" resp="#editors"><foreign xml:lang="ru">Читайте также</foreign><lb />Join Telegram' in tei


def test_the_name_index_tags_each_name_and_letter(built: Path) -> None:
    html = read(built, "genindex.html")
    assert '<span lang="ru">Анна Смит</span>' in html and '<span lang="zh-Hans">安娜</span>' in html
    assert '<span lang="kk-Arab" dir="rtl">انا</span>' in html
    assert '<h2 id="А" lang="ru">' in html and '<h2 id="安" lang="zh-Hans">' in html
    assert '<h2 id="ا" lang="kk-Arab" dir="rtl">' in html and '<strong lang="zh-Hans">安</strong>' in html
    assert '<h2 id="A">' in html  # Latin letters, English names: the page's language
    # letters in the filing order of the register: Қ after К (the Kazakh alphabet), not after Я (code points)
    letters = re.findall(r'<h2 id="([^"]+)"', html)
    assert letters.index("А") < letters.index("Қ") < letters.index("Я") < letters.index("ا") < letters.index("安")


def test_no_text_in_another_script_is_left_untagged(built: Path) -> None:
    import lxml.html

    script = re.compile("[\u0400-\u04ff\u0600-\u06ff\u4e00-\u9fff]")
    for page in ("index.html", "genindex.html", "annotations/person/ann-smith.html"):
        body = lxml.html.parse(str(built / page)).getroot().find("body")
        untagged = []
        for element in body.iter():
            if not isinstance(element.tag, str) or element.tag in ("script", "style"):
                continue
            for text, owner in ((element.text, element), (element.tail, element.getparent())):
                if text and script.search(text) and owner is not None:
                    lang = next((e.get("lang") for e in (owner, *owner.iterancestors()) if e.get("lang")), "en")
                    if lang == "en":
                        untagged.append(text.strip())
        assert not untagged, (page, untagged)
