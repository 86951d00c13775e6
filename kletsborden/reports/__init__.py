"""Reports for facilitators and admins: what was played, added up, as pages, charts and CSV.

``figures`` reads sessions and adds them up (with the small-group rule), ``filters`` reads what
a report is about, ``charts`` lays out bar charts, ``csv`` writes the export. Reports hold counts
only: a session's figures never contain a name or a typed answer.
"""
