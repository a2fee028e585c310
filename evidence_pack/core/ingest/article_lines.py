"""Keeping an article's lists: trafilatura's precise extraction drops some bulleted and
numbered lists inside the article ("These factors include:" followed by nothing), which is
where council and committee pages put their figures. Its recall-oriented extraction keeps
them but also picks up menus and "latest news" lists around the article. So the precise text
is kept as it is, and a line only the recall text has is added when it sits inside the
article (between two lines the precise text has, in the same order) and reads as content.
"""

from __future__ import annotations

import itertools
import re

_LIST_MARK = re.compile(r"^\s*(?:[-•*·▪‣◦]|\(?\d{1,3}[.)]|\(?[a-z][.)])\s+")
_WORDS = re.compile(r"\w+")


def merge_recall_lines(precise: str, recall: str) -> str:
    if not recall or recall == precise:
        return precise
    kept = precise.split("\n")
    wanted = {line.strip() for line in kept if line.strip()}
    extra = recall.split("\n")
    # where each precise line sits in the recall text, in order
    anchors: list[int] = []
    at = 0
    for line in kept:
        if not line.strip():
            continue
        for j in range(at, len(extra)):
            if extra[j].strip() == line.strip():
                anchors.append(j)
                at = j + 1
                break
    if len(anchors) < 2:
        return precise
    inserts: dict[str, list[str]] = {}
    for a, b in itertools.pairwise(anchors):
        between = [extra[j] for j in range(a + 1, b)
                   if extra[j].strip() and extra[j].strip() not in wanted]
        content = [line for line in between if _reads_as_content(line)]
        if content and len(content) >= 0.6 * len(between):
            inserts[extra[a].strip()] = content
    # a list that closes the article ("the estate in numbers:"): list items straight after
    # its last line, while they read as content; menus and "most read" lists are short lines
    tail = []
    for line in extra[anchors[-1] + 1:]:
        if not line.strip():
            continue
        if line.strip() in wanted or not (_LIST_MARK.match(line) and _reads_as_content(line)):
            break
        tail.append(line)
    if len(tail) >= 2:
        inserts[extra[anchors[-1]].strip()] = inserts.get(extra[anchors[-1]].strip(), []) + tail
    if not inserts:
        return precise
    out: list[str] = []
    for line in kept:
        out.append(line)
        out.extend(inserts.pop(line.strip(), []))
    return "\n".join(out)


def _reads_as_content(line: str) -> bool:
    """A sentence or a list item of some length, not a menu entry or a caption stub."""
    words = _WORDS.findall(line)
    if len(words) >= 8:
        return True
    return bool(_LIST_MARK.match(line)) and len(words) >= 4
