#!/usr/bin/env python3
"""Prints each failed test in the given TRX files with the first lines of its message and stack trace.

.ci/run calls it just before its summary line, so a failure is named in the last lines of CI output (which is often
all that is kept of a run), not only somewhere in the middle of the console log."""
import sys
import xml.etree.ElementTree as ET

NS = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
MESSAGE_LINES = 12
STACK_LINES = 6


def first_lines(text, count):
    lines = (text or "").strip().splitlines()
    shown = lines[:count]
    if len(lines) > count:
        shown.append(f"... ({len(lines) - count} more lines)")
    return shown


def main(paths):
    failures = 0
    for path in paths:
        for result in ET.parse(path).getroot().iterfind(".//t:UnitTestResult", NS):
            if result.get("outcome") not in ("Failed", "Error", "Timeout", "Aborted"):
                continue
            failures += 1
            print(f"FAILED: {result.get('testName')} ({result.get('duration')})")
            for line in first_lines(result.findtext(".//t:ErrorInfo/t:Message", "", NS), MESSAGE_LINES):
                print(f"    {line}")
            for line in first_lines(result.findtext(".//t:ErrorInfo/t:StackTrace", "", NS), STACK_LINES):
                print(f"    {line}")
    if failures:
        print(f"{failures} failed test(s) listed above.")


if __name__ == "__main__":
    main(sys.argv[1:])
