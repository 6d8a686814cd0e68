#!/usr/bin/env python3
"""Runs Jupyter notebooks without Jupyter: the code cells in order, in one namespace per notebook.

    python3 notebooks/run.py [--write] [--workdir DIR] [NOTEBOOK.ipynb ...]

Without --write it checks: each cell's fresh output must equal the output stored in the notebook,
and a difference is printed as a diff. With --write it stores the fresh outputs (stream outputs,
the value of a cell's last expression, execution counts) in the notebook instead. Either way, an
exception in a cell stops that notebook, is printed with the notebook, cell and traceback, and
makes the exit code 1; a failed notebook is never written. Standard library only.

Like Jupyter, which runs a notebook in its own directory, it puts the notebook's directory on
sys.path (the notebooks import chaintrail_api from there); files the notebooks write go to
--workdir (default: the current directory). With no notebook named, it runs every *.ipynb beside it.
"""

import argparse
import ast
import builtins
import difflib
import json
import linecache
import os
import sys
import traceback
from pathlib import Path


class Capture:
    """Stands in for sys.stdout and sys.stderr, keeping what is written in order, stream by stream."""

    encoding = "utf-8"

    def __init__(self, chunks, name):
        self.chunks = chunks
        self.name = name

    def write(self, text):
        if text:
            if self.chunks and self.chunks[-1][0] == self.name:
                self.chunks[-1][1] += text
            else:
                self.chunks.append([self.name, text])
        return len(text)

    def flush(self):
        pass

    def isatty(self):
        return False


class CellError(Exception):
    def __init__(self, cell, text):
        super().__init__(text)
        self.cell = cell


def lines(text):
    """Text as nbformat stores it: a list of lines, each but the last ending in a newline."""
    return text.splitlines(keepends=True)


def run_cell(source, filename, namespace, count):
    """Executes one cell; returns its nbformat outputs, or raises CellError with the traceback."""
    chunks = []
    # Registered so that tracebacks show the cell's lines, as Jupyter does.
    linecache.cache[filename] = (len(source), None, lines(source), filename)
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = Capture(chunks, "stdout"), Capture(chunks, "stderr")
    result = None
    try:
        tree = ast.parse(source, filename)
        last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
        exec(compile(tree, filename, "exec"), namespace)
        if last is not None:
            result = eval(compile(ast.Expression(last.value), filename, "eval"), namespace)
    except (Exception, SystemExit) as e:
        sys.stdout, sys.stderr = saved
        frames = e.__traceback__.tb_next  # drop run_cell's own frame
        trace = "".join(traceback.format_exception(type(e), e, frames))
        printed = "".join(text for _, text in chunks)
        raise CellError(count, (printed + "\n" if printed else "") + trace) from None
    finally:
        sys.stdout, sys.stderr = saved
    outputs = [{"name": name, "output_type": "stream", "text": lines(text)} for name, text in chunks]
    if result is not None:
        outputs.append({"data": {"text/plain": lines(repr(result))}, "execution_count": count,
                        "metadata": {}, "output_type": "execute_result"})
    return outputs


def run_notebook(path):
    """Runs a notebook's code cells; returns (notebook, fresh outputs per code cell index)."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    namespace = {"__name__": "__main__", "__builtins__": builtins}
    fresh = {}
    count = 0
    for index, cell in enumerate(notebook["cells"]):
        if cell["cell_type"] != "code":
            continue
        source = "".join(cell["source"])
        if not source.strip():
            fresh[index] = (None, [])
            continue
        count += 1
        fresh[index] = (count, run_cell(source, f"<{path.name} cell {count}>", namespace, count))
    return notebook, fresh


def comparable(outputs):
    """Outputs as text to compare and diff, consecutive stream pieces of one stream joined."""
    text = []
    for out in outputs:
        kind = out["output_type"]
        if kind == "stream":
            body = "".join(out["text"])
            if text and text[-1][0] == out["name"]:
                text[-1][1] += body
                continue
            text.append([out["name"], body])
        elif kind in ("execute_result", "display_data"):
            text.append([kind, "".join(out["data"].get("text/plain", ""))])
        else:
            text.append([kind, json.dumps(out, sort_keys=True)])
    return "".join(f"[{name}]\n{body}" + ("" if body.endswith("\n") else "\n") for name, body in text)


def differences(path, notebook, fresh):
    """A unified diff per code cell whose stored outputs differ from the fresh ones."""
    diffs = []
    for index, (count, outputs) in fresh.items():
        stored = comparable(notebook["cells"][index].get("outputs", []))
        now = comparable(outputs)
        if stored != now:
            diffs.append("".join(difflib.unified_diff(lines(stored), lines(now),
                                                      f"{path.name} cell {count} (stored)",
                                                      f"{path.name} cell {count} (this run)")))
    return diffs


def write(path, notebook, fresh):
    for index, (count, outputs) in fresh.items():
        cell = notebook["cells"][index]
        cell["execution_count"] = count
        cell["outputs"] = outputs
    # Jupyter's own layout (nbformat writes one-space indents, sorted keys, a final newline).
    path.write_text(json.dumps(notebook, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")


def main(argv):
    parser = argparse.ArgumentParser(description="Run notebooks' code cells in order and check or store "
                                                 "their outputs.")
    parser.add_argument("notebooks", nargs="*", type=Path, help="default: every *.ipynb beside this script")
    parser.add_argument("--write", action="store_true", help="store the fresh outputs in the notebooks")
    parser.add_argument("--workdir", type=Path, default=Path.cwd(),
                        help="directory the notebooks run in and write their files to (default: here)")
    args = parser.parse_args(argv)
    paths = [p.resolve() for p in args.notebooks] or sorted(Path(__file__).resolve().parent.glob("*.ipynb"))
    if not paths:
        parser.error("no notebooks to run")
    args.workdir.mkdir(parents=True, exist_ok=True)
    os.chdir(args.workdir)
    sys.dont_write_bytecode = True  # leave no __pycache__ beside the notebooks

    failed = 0
    for path in paths:
        sys.path.insert(0, str(path.parent))
        try:
            notebook, fresh = run_notebook(path)
        except CellError as e:
            print(f"FAIL {path.name}: cell {e.cell} raised\n{e}", file=sys.stderr)
            failed += 1
            continue
        except (OSError, ValueError, KeyError) as e:
            print(f"FAIL {path.name}: not a readable notebook: {e}", file=sys.stderr)
            failed += 1
            continue
        finally:
            sys.path.remove(str(path.parent))
        cells = len(fresh)
        if args.write:
            write(path, notebook, fresh)
            print(f"ok   {path.name}: {cells} code cells run, outputs written")
            continue
        diffs = differences(path, notebook, fresh)
        if diffs:
            print(f"FAIL {path.name}: {len(diffs)} of {cells} code cells printed something other than the stored "
                  "output (run with --write against a fresh `./chaintrail demo` to store new outputs)\n"
                  + "\n".join(diffs), file=sys.stderr)
            failed += 1
        else:
            print(f"ok   {path.name}: {cells} code cells run, outputs as stored")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
