"""examples/notebook.ipynb runs from the top of the source tree without an error (nbclient,
Debian's python3-nbclient and python3-ipykernel): every cell, its plots included."""
import nbclient
import nbformat

from conftest import SOURCE


def test_the_notebook_runs():
    notebook = nbformat.read(SOURCE / "examples" / "notebook.ipynb", as_version=4)
    # Executed in memory: the file in the source tree stays as it is.
    nbclient.NotebookClient(notebook, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": str(SOURCE)}}).execute()
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    assert sum("image/png" in o.get("data", {}) for o in outputs) == 2  # anatomy, sweep
    text = "".join(o.get("text", "") for o in outputs)
    # At 75 baud no load keeps IMMEDIATE 95% within 30 minutes: the answer is that there is none.
    assert "capacity: no answer (fails at 0.03466796875, limited by IMMEDIATE" in text
    # With objectives the circuits can meet, the search finds a load and names its limit.
    assert ("capacity: load factor 1.531 (fails at 1.546875), limited by PRIORITY, "
            "bottleneck RUDKC") in text
