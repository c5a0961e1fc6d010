"""Things that happen in one capability that another acts on, so that capabilities never import each other.

A receiver runs inside the sender's transaction: what it adds is committed, or rolled back, with
the change that sent the signal.
"""

from blinker import Namespace

_signals = Namespace()

# A young person's consultation was sent to their IRO (sender: the consultation; runs before the commit).
consultation_sent = _signals.signal("consultation-sent")
