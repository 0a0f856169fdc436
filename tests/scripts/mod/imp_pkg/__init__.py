print("imp_pkg init", __name__, __package__)
TOP = "top"
