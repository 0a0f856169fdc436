def plain(): return "plain"
def _private(): return "private"
