"""The browser workbench (`casegraph serve`): the case's pages as HTML, each with a JSON twin."""
