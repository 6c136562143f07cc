#!/usr/bin/env python3
"""Per-folder mutation scores from a Stryker.NET JSON report (`./build.sh mutate`, docs/reliability.md "Mutation testing").

Usage: mutation-scores.py REPORT MINIMUM FOLDER...
Prints, for each folder of src/Microsoft.ML.LrFinder, the score (killed + timed out over every mutant a test could have
caught: those plus survived and not covered; compile errors and ignored mutants do not count, as in Stryker's own score),
then every surviving or uncovered mutant with its file, line, mutator and replacement. Exits 1 when a folder scores below
MINIMUM percent.
"""
import json
import sys

DETECTED = {"Killed", "Timeout"}
UNDETECTED = {"Survived", "NoCoverage"}


def main(report_path, minimum, folders):
    with open(report_path, encoding="utf-8") as f:
        report = json.load(f)
    failed = False
    for folder in folders:
        marker = f"/Microsoft.ML.LrFinder/{folder}/"
        detected = undetected = 0
        survivors = []
        for path, file in sorted(report["files"].items()):
            if marker not in path.replace("\\", "/"):
                continue
            name = path.replace("\\", "/").split("/Microsoft.ML.LrFinder/", 1)[1]
            for mutant in file["mutants"]:
                status = mutant["status"]
                if status in DETECTED:
                    detected += 1
                elif status in UNDETECTED:
                    undetected += 1
                    line = mutant["location"]["start"]["line"]
                    replacement = " ".join(mutant.get("replacement", "").split())[:100]
                    survivors.append(f"  {status:10} {name}:{line} {mutant['mutatorName']}: {replacement}")
        total = detected + undetected
        score = 100.0 * detected / total if total else 100.0
        failed |= score < minimum
        print(f"{folder}: {score:.1f}% ({detected} of {total} mutants detected, {undetected} not)")
        for survivor in survivors:
            print(survivor)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], float(sys.argv[2]), sys.argv[3:]))
