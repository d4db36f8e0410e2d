#!/usr/bin/env python3
"""Validate Winnow's SARIF output against the SARIF 2.1.0 JSON schema.

Usage: validate-sarif.py WINNOW_BINARY

Runs `winnow check --format sarif` from the repository root on several inputs
and checks each log with jsonschema against scripts/sarif-schema-2.1.0.json.
Exit code 0 when every log is valid, 1 otherwise.
"""
import json
import pathlib
import subprocess
import sys
import tempfile

import jsonschema

ROOT = pathlib.Path(__file__).resolve().parent.parent
SCHEMA = json.loads((ROOT / "scripts" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
SLOW_RULE = "rules:\n  - id: slow\n    match: {regex: ['(a+)+$']}\n"


def scenarios(rules_folder):
    """(name, arguments, standard input, expected exit code) of each run."""
    slow = str(rules_folder / "slow.yml")
    return [
        ("samples", ["samples/input"], b"", 1),
        ("bug-report cases", ["Tests/WinnowTests/Fixtures/cases"], b"", 1),
        ("empty input", ["--stdin-filename", "empty.txt", "-"], b"", 0),
        ("binary input", ["--stdin-filename", "data.bin", "-"], b"Read more\n\0\n", 0),
        ("invalid UTF-8", ["--stdin-filename", "latin1.txt", "-"], b"Caf\xe9\nRead more\n", 1),
        ("resource limit", ["--rules", slow, "--stdin-filename", "slow.txt", "-"], b"Read more\n" + b"a" * 40 + b"!\n", 2),
        ("path to encode", ["--stdin-filename", "tin tức/bài #1.md", "-"], "Đọc thêm: x\n".encode(), 1),
    ]


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    winnow = sys.argv[1]
    validator = jsonschema.Draft4Validator(SCHEMA, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)
    failures = 0
    with tempfile.TemporaryDirectory() as folder:
        rules_folder = pathlib.Path(folder)
        (rules_folder / "slow.yml").write_text(SLOW_RULE, encoding="utf-8")
        for name, arguments, stdin, expected_status in scenarios(rules_folder):
            run = subprocess.run([winnow, "check", "--format", "sarif", *arguments],
                                 cwd=ROOT, input=stdin, capture_output=True, check=False)
            problems = []
            if run.returncode != expected_status:
                problems.append(f"exit code {run.returncode}, expected {expected_status}")
            try:
                log = json.loads(run.stdout)
                problems += [f"{'/'.join(map(str, error.absolute_path)) or '(root)'}: {error.message}"
                             for error in validator.iter_errors(log)]
            except json.JSONDecodeError as error:
                problems.append(f"not JSON: {error}")
            if problems:
                failures += 1
                print(f"invalid: {name}")
                for problem in problems:
                    print(f"  {problem}")
            else:
                run_log = log["runs"][0]
                notifications = run_log["invocations"][0]["toolExecutionNotifications"]
                print(f"valid: {name} ({len(run_log['results'])} results, {len(notifications)} notifications)")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
