from .. import TOP
print("inner", __name__, __package__, TOP)
