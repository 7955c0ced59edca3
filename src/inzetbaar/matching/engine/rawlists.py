"""The fast path of reading an instance: the preference lists straight from the JSON bytes.

An instance of 50,000 candidates × 5,000 openings with lists of 50 holds five million ids. Decoding
them into Python strings and looking each one up in a dict takes seconds. Here they are located and
mapped to indices by a few vectorised NumPy passes over the raw bytes; only the rest of the document
(the entries' ids, capacities and attributes, a few percent of the bytes) is decoded by orjson and
validated by the general code in :mod:`.instance`.

The fast path covers the common case and declines (returns None) on anything else, so that the
general path gives the same result or the same error message naming the entry. It needs a document
without backslashes (then a string's bytes are exactly its UTF-8 text and every quote starts or ends a
string) in which every ``"preferences"`` list is a list of id strings, a nested list being a tie. The
whole document is still checked for valid JSON: the lists' syntax here, everything else by orjson.
"""

import re
import sys
from dataclasses import dataclass

import numpy as np
import orjson

_NEXT_TOKEN = re.compile(rb"[ \t\n\r]*([^ \t\n\r])")
# A list is replaced by this string and its number. A document without backslashes cannot spell the
# control character itself (JSON forbids it raw in a string), so no id or value can pass for a marker.
_MARKER = "\x01"
_QUOTE, _COMMA, _SPACE, _CLOSE = ord('"'), ord(","), ord(" "), ord("]")
_MAX_ID_WORDS = 8  # ids up to 64 bytes; longer ones take the general path


@dataclass(frozen=True, eq=False)
class RawLists:
    """Every preferences list of a document, found in its bytes: list r holds the strings
    ``first[r]:first[r] + count[r]`` (numbered in document order); ``tie_ranks[r]`` gives their ranks
    when the list has ties (otherwise the rank is the position)."""

    raw: bytes
    string_start: np.ndarray  # int64: position of each string's opening quote
    string_end: np.ndarray  # int64: position of its closing quote
    first: np.ndarray  # int64 per list
    count: np.ndarray  # int64 per list
    tie_ranks: dict[int, list[int]]


def decode(raw: bytes) -> tuple[object, RawLists] | None:
    """The document with every preferences list replaced by a marker, and the lists; None if not fast."""
    if b"\\" in raw or sys.byteorder != "little":
        return None
    data = np.frombuffer(raw, dtype=np.uint8)
    quotes = np.flatnonzero(data == _QUOTE)
    if quotes.shape[0] % 2:
        return None
    start, end = quotes[0::2], quotes[1::2]
    opened, first = _preferences_lists(raw, data, start, end)
    count, close = _regular_lists(data, start, end, opened, first)
    tie_ranks: dict[int, list[int]] = {}
    for r in np.flatnonzero(count < 0).tolist():
        walked = _walk_list(raw, start, end, int(opened[r]), int(first[r]))
        if walked is None:
            return None
        count[r], close[r], ranks = walked
        if ranks is not None:
            tie_ranks[r] = ranks
    if np.any(close[:-1] >= opened[1:]):
        return None  # lists overlap: not a shape the fast path knows
    pieces = []
    previous = 0
    for r, (at, until) in enumerate(zip(opened.tolist(), close.tolist(), strict=True)):
        pieces.append(raw[previous:at])
        pieces.append(b'"\\u0001%d"' % r)
        previous = until + 1
    pieces.append(raw[previous:])
    try:
        document = orjson.loads(b"".join(pieces))
    except orjson.JSONDecodeError:
        return None  # the general path reports the error with positions in the original file
    return document, RawLists(raw, start, end, first, count, tie_ranks)


def list_numbers(values: list) -> list[int] | None:
    """The list each marker stands for; None unless every value is a marker."""
    try:
        text = "".join(values)
    except TypeError:
        return None
    # No value but a marker can hold the marker character, so one per value means all are markers.
    parts = text.split(_MARKER)
    if len(parts) != len(values) + 1:
        return None
    return list(map(int, parts[1:]))


def _preferences_lists(raw: bytes, data: np.ndarray, start: np.ndarray, end: np.ndarray):
    """Position of the "[" of every "preferences" list and the number of the first string after it."""
    brackets = np.flatnonzero(data == ord("["))
    key = np.searchsorted(start, brackets) - 1  # the last string starting before the bracket
    outside = (key >= 0) & (end[np.maximum(key, 0)] < brackets)  # the bracket is not inside a string
    brackets, key = brackets[outside], key[outside]
    # a key "preferences" (11 letters) followed by a colon and nothing else but white space
    named = end[key] - start[key] == 12
    if not np.any(named):
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    brackets, key = brackets[named], key[named]
    letters = data[start[key][:, None] + np.arange(1, 12)]
    named = np.all(letters == np.frombuffer(b"preferences", dtype=np.uint8), axis=1)
    brackets, key = brackets[named], key[named]
    compact = (brackets - end[key] == 3) & (data[end[key] + 1] == ord(":")) & (data[end[key] + 2] == _SPACE)
    for k in np.flatnonzero(~compact).tolist():
        compact[k] = raw[int(end[key[k]]) + 1 : int(brackets[k])].strip(b" \t\n\r") == b":"
    return brackets[compact], key[compact] + 1  # (not compact now: "preferences" was a value)


def _regular_lists(data, start, end, opened, first) -> tuple[np.ndarray, np.ndarray]:
    """Count and closing position of every list written ``["a", "b", …]`` (comma or comma-space);
    -1 for the others, which the caller walks one by one."""
    n_lists = opened.shape[0]
    count = np.full(n_lists, -1, dtype=np.int64)
    close = np.zeros(n_lists, dtype=np.int64)
    n_strings = start.shape[0]
    if n_lists == 0 or n_strings == 0:
        return count, close
    after = end[:-1] + 1  # the byte after each string but the last (never past the end)
    gap = start[1:] - end[:-1]
    second = data[np.minimum(end[:-1] + 2, data.shape[0] - 1)]
    simple = (data[after] == _COMMA) & ((gap == 2) | ((gap == 3) & (second == _SPACE)))
    stops = np.append(np.flatnonzero(~simple), n_strings - 1)  # strings not followed by ", "
    has_first = first < n_strings
    head = np.minimum(first, n_strings - 1)
    last = stops[np.searchsorted(stops, head)]
    closing = end[last] + 1
    regular = has_first & (start[head] == opened + 1) & (closing < data.shape[0])
    regular[regular] = data[closing[regular]] == _CLOSE
    count[regular] = last[regular] - first[regular] + 1
    close[regular] = closing[regular]
    return count, close


def _walk_list(raw: bytes, start, end, opened: int, first: int):
    """Count, closing position and tie ranks (None without ties) of one list, token by token; None when
    it is not a list of strings and ties."""
    position, string, depth, item = opened + 1, first, 1, -1
    ranks: list[int] = []
    has_ties = False
    expect_value = True  # after [ or ,
    just_opened = True
    while True:
        token = _NEXT_TOKEN.match(raw, position)
        if token is None:
            return None
        char, position = token.group(1), token.end()
        if char == b'"':
            if not expect_value or string >= start.shape[0] or start[string] != position - 1:
                return None
            if depth == 1 or just_opened:
                item += 1
            ranks.append(item)
            position = int(end[string]) + 1
            string += 1
            expect_value = just_opened = False
        elif char == b"[":
            if not expect_value or depth != 1:
                return None
            depth, has_ties, just_opened = 2, True, True
        elif char == b"]":
            if expect_value and not (just_opened and depth == 1):
                return None  # a trailing comma or an empty tie
            depth -= 1
            expect_value = just_opened = False
            if depth == 0:
                return string - first, position - 1, ranks if has_ties else None
        elif char == b",":
            if expect_value:
                return None
            expect_value = True
        else:
            return None


class IdTable:
    """Ids (strings) mapped to their positions, looked up by their UTF-8 bytes in a document's lists.

    A vectorised open-addressing hash table (linear probing, at most a quarter full) whose keys are
    the ids' bytes in 8-byte words; most ids fit one word, and then a lookup is a handful of passes.
    """

    def __init__(self, ids: list[str]):
        encoded = [text.encode() for text in ids]
        longest = max(map(len, encoded), default=1)
        self.words = max(1, -(-longest // 8))
        self.usable = self.words <= _MAX_ID_WORDS
        if not self.usable:
            return
        self.keys = np.array(encoded, dtype=f"S{8 * self.words}").view(np.uint64).reshape(-1, self.words)
        self.bits = max(4, (4 * len(ids)).bit_length())
        self.mask = np.uint64((1 << self.bits) - 1)
        self.slots = np.full(1 << self.bits, -1, dtype=np.int32)
        slot = self._slot(self.keys)
        pending = np.arange(len(ids), dtype=np.int32)
        while pending.size:
            free = self.slots[slot] == -1
            taken, winner = np.unique(slot[free], return_index=True)
            self.slots[taken] = pending[free][winner]
            placed = np.zeros(pending.shape[0], dtype=bool)
            placed[np.flatnonzero(free)[winner]] = True
            pending, slot = pending[~placed], (slot[~placed] + np.uint64(1)) & self.mask
        # the key of every slot (zeros where empty), so that a probe needs no second indirection
        self.slot_keys = np.zeros((1 << self.bits, self.words), dtype=np.uint64)
        self.slot_keys[self.slots >= 0] = self.keys[self.slots[self.slots >= 0]]

    def _slot(self, keys: np.ndarray) -> np.ndarray:
        """Fibonacci hashing: the top bits of the words mixed by multiplication."""
        mixed = keys[:, 0] * np.uint64(0x9E3779B97F4A7C15)
        for column in range(1, keys.shape[1]):
            mixed ^= mixed >> np.uint64(32)
            mixed += keys[:, column]
            mixed *= np.uint64(0x9E3779B97F4A7C15)
        return mixed >> np.uint64(64 - self.bits)

    def lookup(self, lists: RawLists, strings: np.ndarray) -> np.ndarray | None:
        """The index of every string (numbers into ``lists``), or None if one is unknown or too long."""
        if not self.usable:
            return None
        keys = _string_words(lists, strings, self.words)
        if keys is None:
            return None
        slot = self._slot(keys)
        found = self.slots[slot]
        hit = _rows_equal(self.slot_keys[slot], keys)
        pending = np.flatnonzero(~hit)
        while pending.size:  # collisions: probe the next slots
            if np.any(found[pending] < 0):
                return None  # an unknown id: the general path names it
            slot[pending] = (slot[pending] + np.uint64(1)) & self.mask
            found[pending] = self.slots[slot[pending]]
            pending = pending[~_rows_equal(self.slot_keys[slot[pending]], keys[pending])]
        return None if np.any(found < 0) else found  # (an empty string matches an empty slot)


def _rows_equal(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    equal = a[:, 0] == b[:, 0]
    for column in range(1, a.shape[1]):
        equal &= a[:, column] == b[:, column]
    return equal


def _string_words(lists: RawLists, strings: np.ndarray, words: int) -> np.ndarray | None:
    """The bytes of each string as ``words`` little-endian words, zero-padded; None if one is longer."""
    raw = lists.raw
    begin = lists.string_start[strings] + 1
    length = lists.string_end[strings] - begin
    if strings.size and int(length.max()) > 8 * words:
        return None
    # Every byte position as the start of an 8-byte word: one gather per word, no shifts.
    at = np.ndarray(shape=(max(len(raw) - 7, 0),), dtype=np.uint64, buffer=raw, strides=(1,))
    near_end = np.flatnonzero(begin + 8 * words > at.shape[0])
    if near_end.size:
        begin = begin.copy()
        begin[near_end] = 0
    keys = np.empty((strings.shape[0], words), dtype=np.uint64)
    masks = np.array([(1 << (8 * k)) - 1 for k in range(8)] + [(1 << 64) - 1], dtype=np.uint64)
    for k in range(words):
        left = length if words == 1 else np.clip(length - 8 * k, 0, 8)
        keys[:, k] = at[begin + 8 * k if k else begin] & masks[left]
    for row in near_end.tolist():  # the last bytes of the file
        start = int(lists.string_start[strings[row]]) + 1
        text = raw[start : start + int(length[row])].ljust(8 * words, b"\0")
        keys[row] = np.frombuffer(text, dtype=np.uint64)
    return keys
