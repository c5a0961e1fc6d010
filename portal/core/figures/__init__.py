"""The IRO service's figures, counted by the database: reviews, participation, consultations, letters,
support requests, safety flags and caseloads, for any period.

Every function here runs a fixed number of SQL aggregate statements whatever the amount of data, and
returns plain numbers (no names, no words anyone wrote). Turning them into tables people read is the
figures capability's job (portal/figures).
"""
