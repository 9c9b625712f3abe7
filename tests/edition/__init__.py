"""This edition's own suite: its files, its builds (HTML, PDF, EPUB, TEI) and its pages in a browser; what each
test expects follows from the edition's files, so that it holds as the edition grows."""
