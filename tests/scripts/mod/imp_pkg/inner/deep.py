from ..sub import y
D = "deep:" + y()
