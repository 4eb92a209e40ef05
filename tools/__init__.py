"""The project's command-line tools (`make` runs them as `python tools/<name>.py`).

tools/project.py knows where things are (the repository, sim_build, the venv's tools) and which
blocks exist; every other module asks it. See docs/dev-guide.md, "tools/".
"""
