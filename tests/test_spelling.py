"""Spellings that meet in search: Latin readings of other scripts, British and American English, mixed scripts."""

import json
import subprocess
import sys

from archive.analysis import analyse, latin_key, latin_terms, tokens
from archive.spelling import american, latin, mixes_scripts, scripts


def test_other_scripts_read_in_latin_letters():
    assert latin("небесная") == "nebesnaya" and latin("механика") == "mekhanika"
    assert latin("скај") == "skaj"  # Macedonian ј
    assert latin("хмельницкии") == "khmelnitskii"  # the soft sign's apostrophe dropped: a reading is one word
    assert latin("łodz") == "lodz"  # a Latin letter that folding keeps
    assert latin("drones") is None  # Latin already


def test_readings_are_keyed_as_latin_words_are_indexed():
    assert latin_key("механикс") == "mekhanik"  # stemmed as the Latin spelling "Mekhaniks" would be
    assert latin_key("数字") is None  # CJK bigrams are no words
    assert latin_key("1,23") is None and latin_key("drone") is None


def test_readings_keep_the_words_positions_and_words_that_read_alike_share_one_term():
    terms = analyse("Небесная механика and Небесная механіка").terms
    assert latin_terms(terms) == {"nebesnaya": [0, 3], "mekhanika": [1, 4]}


def test_british_spellings_are_indexed_the_american_way():
    assert american("licence") == "license" and american("colour") == "color" and american("drone") == "drone"
    assert tokens("export licence") == tokens("export license")
    assert tokens("licences") == tokens("licenses")
    assert tokens("the centre organised") == tokens("the center organized")


def test_a_word_mixing_scripts_is_told():
    spoof = "Nebesn\u0430ya"  # a Cyrillic а among Latin letters
    assert scripts(spoof) == ["LATIN", "CYRILLIC"] and mixes_scripts(spoof)
    assert not mixes_scripts("Nebesnaya") and not mixes_scripts("Небесная") and not mixes_scripts("无人机")
    assert not mixes_scripts("B-52")  # digits and punctuation belong to no script


def test_the_tables_searches_load_on_first_need_can_be_loaded_at_once():
    # ingest's fork server loads them once for every worker (ingest/worker.py)
    code = ("import json, sys\nfrom archive import spelling\nnames = {'anyascii', 'breame.data.spelling_constants'}\n"
            "before = sorted(names & set(sys.modules))\nspelling.load_tables()\n"
            "print(json.dumps([before, sorted(names & set(sys.modules))]))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert json.loads(done.stdout) == [[], ["anyascii", "breame.data.spelling_constants"]]
