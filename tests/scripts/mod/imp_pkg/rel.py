from . import sub
from .sub import y
from .inner import deep
print("rel", __name__, __package__, sub.__name__, y(), deep.D)
