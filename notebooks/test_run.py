"""Checks of run.py on small notebooks made here: python3 -m unittest discover -s notebooks"""

import json
import shutil
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

RUNNER = Path(__file__).resolve().parent / "run.py"


def notebook(*cells):
    """An nbformat 4 notebook: strings starting with '#md ' are markdown cells, the rest code."""
    made = []
    for i, source in enumerate(cells):
        markdown = source.startswith("#md ")
        cell = {"cell_type": "markdown" if markdown else "code", "id": f"c{i}", "metadata": {},
                "source": source[4:] if markdown else source}
        if not markdown:
            cell.update(execution_count=None, outputs=[])
        made.append(cell)
    return {"cells": made, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}


class RunnerTest(unittest.TestCase):
    def setUp(self):
        self.dir = Path(tempfile.mkdtemp(prefix="chaintrail-runner-test"))
        self.workdir = self.dir / "work"
        self.addCleanup(shutil.rmtree, self.dir)

    def save(self, name, nb):
        path = self.dir / name
        path.write_text(json.dumps(nb), encoding="utf-8")
        return path

    def run_(self, *args):
        return subprocess.run([sys.executable, str(RUNNER), "--workdir", str(self.workdir), *map(str, args)],
                              capture_output=True, text=True, timeout=120)

    def test_failingCell_exits1NamingNotebookCellAndTraceback_notebookUnwritten(self):
        path = self.save("broken.ipynb", notebook("print('before')", "#md text", "x = 1\nx / 0", "print('never')"))
        before = path.read_bytes()

        done = self.run_("--write", path)

        self.assertEqual(done.returncode, 1)
        self.assertIn("FAIL broken.ipynb: cell 2 raised", done.stderr)
        self.assertIn("ZeroDivisionError: division by zero", done.stderr)
        self.assertIn('File "<broken.ipynb cell 2>", line 2', done.stderr)
        self.assertNotIn("never", done.stdout + done.stderr)
        self.assertEqual(path.read_bytes(), before)

    def test_write_storesStreamsResultAndCounts_inOneNamespace(self):
        path = self.save("ok.ipynb", notebook("#md intro", "import sys\nx = 6\nprint('a')\nprint('b', file=sys.stderr)"
                                              "\nprint('c')", "", "x * 7"))

        done = self.run_("--write", path)

        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertIn("ok   ok.ipynb: 3 code cells run, outputs written", done.stdout)
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        self.assertEqual(cells[1]["execution_count"], 1)
        self.assertEqual(cells[1]["outputs"], [{"name": "stdout", "output_type": "stream", "text": ["a\n"]},
                                               {"name": "stderr", "output_type": "stream", "text": ["b\n"]},
                                               {"name": "stdout", "output_type": "stream", "text": ["c\n"]}])
        self.assertEqual((cells[2]["execution_count"], cells[2]["outputs"]), (None, []))
        self.assertEqual(cells[3]["outputs"], [{"data": {"text/plain": ["42"]}, "execution_count": 2,
                                                "metadata": {}, "output_type": "execute_result"}])

    def test_check_outputsAsStored_exits0AndLeavesTheFile(self):
        path = self.save("same.ipynb", notebook("for i in range(3):\n    print(i)"))
        self.assertEqual(self.run_("--write", path).returncode, 0)
        written = path.read_bytes()

        done = self.run_(path)

        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertIn("ok   same.ipynb: 1 code cells run, outputs as stored", done.stdout)
        self.assertEqual(path.read_bytes(), written)

    def test_check_outputChanged_exits1WithADiff(self):
        nb = notebook("print('total 10')\nprint('kept')")
        nb["cells"][0]["outputs"] = [{"name": "stdout", "output_type": "stream", "text": ["total 9\n", "kept\n"]}]
        path = self.save("changed.ipynb", nb)

        done = self.run_(path)

        self.assertEqual(done.returncode, 1)
        self.assertIn("FAIL changed.ipynb: 1 of 1 code cells printed something other than the stored output",
                      done.stderr)
        self.assertIn("-total 9\n+total 10\n kept\n", done.stderr)

    def test_filesWritten_landInTheWorkdir_andTheNotebookDirIsImportable(self):
        (self.dir / "helper.py").write_text("NAME = 'from beside the notebook'\n", encoding="utf-8")
        path = self.save("files.ipynb", notebook("import helper\nopen('out.txt', 'w').write(helper.NAME)"))

        done = self.run_("--write", path)

        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertEqual((self.workdir / "out.txt").read_text(encoding="utf-8"), "from beside the notebook")

    def test_notJson_exits1NamingTheFile(self):
        path = self.dir / "garbled.ipynb"
        path.write_text("{not json", encoding="utf-8")

        done = self.run_(path)

        self.assertEqual(done.returncode, 1)
        self.assertIn("FAIL garbled.ipynb: not a readable notebook", done.stderr)


if __name__ == "__main__":
    unittest.main()
