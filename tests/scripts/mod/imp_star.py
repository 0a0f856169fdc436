__all__ = ["pub", "_hidden_but_listed"]
def pub(): return "pub"
def other(): return "other"
def _priv(): return "p"
def _hidden_but_listed(): return "listed"
