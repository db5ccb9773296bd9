import copy
import re

from archive.patterns import LazyPattern


def test_a_lazy_pattern_compiles_on_first_use_and_answers_as_the_pattern():
    lazy = LazyPattern(r"(?P<word>[a-zа-я]+)", re.IGNORECASE)
    assert lazy._compiled is None
    compiled = re.compile(r"(?P<word>[a-zа-я]+)", re.IGNORECASE)
    text = "Drones и ДРОНЫ, 2022"
    assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in compiled.finditer(text)]
    assert lazy._compiled is not None
    assert lazy.match(text).group("word") == "Drones"
    assert lazy.sub("-", text) == compiled.sub("-", text)
    assert (lazy.pattern, lazy.flags, lazy.groupindex) == (compiled.pattern, compiled.flags, compiled.groupindex)
    assert "finditer" in vars(lazy)  # read once, then found without __getattr__


def test_a_lazy_pattern_can_be_copied_before_and_after_use():
    lazy = LazyPattern(r"\d+")
    assert copy.copy(lazy).search("a 12").group() == "12"
    assert copy.deepcopy(lazy).search("a 34").group() == "34"
