"""A printable deck: an edition's cards as an A4 PDF with cut marks, fronts and backs.

``deck`` is the use case (which cards, in which language); ``pdf`` draws them, ``layout`` says
where (pure geometry), ``text`` fits the questions, ``icons`` and ``fonts`` supply the drawings
and the type. See docs/printing.md for how to print and cut.
"""
