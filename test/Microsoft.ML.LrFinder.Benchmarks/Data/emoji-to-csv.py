#!/usr/bin/python3
"""Converts Noto emoji images of npm's emoji-datasource-google 16.0.0 into emoji-noto-32.csv.gz (Data/README.md).

Run once, with Debian's python3-pil, from the unpacked package:
    npm pack emoji-datasource-google@16.0.0 && tar xzf emoji-datasource-google-16.0.0.tgz
    /usr/bin/python3 emoji-to-csv.py package emoji-noto-32.csv.gz
Each emoji of four pictorial categories becomes one row: its category (Label 0-3, in CATEGORIES' order), then its 64x64
image composited onto white, resized to 32x32 (Lanczos) and written as the R plane, the G plane and the B plane (0-255).
"""
import gzip
import json
import os
import sys

from PIL import Image

CATEGORIES = ["Animals & Nature", "Food & Drink", "Travel & Places", "Activities"]
SIZE = 32


def main(package, output):
    emoji = json.load(open(os.path.join(package, "emoji.json"), encoding="utf-8"))
    chosen = sorted((e for e in emoji if e["category"] in CATEGORIES and e.get("has_img_google")), key=lambda e: e["sort_order"])
    header = ["Label"] + [f"{c}{i}" for c in "RGB" for i in range(SIZE * SIZE)]
    with open(output, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as packed:
        packed.write((",".join(header) + "\n").encode())
        for e in chosen:
            image = Image.open(os.path.join(package, "img", "google", "64", e["image"])).convert("RGBA")
            white = Image.new("RGBA", image.size, (255, 255, 255, 255))
            rgb = Image.alpha_composite(white, image).convert("RGB").resize((SIZE, SIZE), Image.LANCZOS)
            planes = [str(v) for band in rgb.split() for v in band.getdata()]
            packed.write((",".join([str(CATEGORIES.index(e["category"]))] + planes) + "\n").encode())
    print(f"{len(chosen)} images: " + ", ".join(f"{c} {sum(e['category'] == c for e in chosen)}" for c in CATEGORIES))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
